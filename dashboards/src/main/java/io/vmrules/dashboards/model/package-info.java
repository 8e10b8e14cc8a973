/**
 * A typed, immutable model of Grafana's dashboard JSON (schemaVersion 41), shaped like
 * grafana-foundation-sdk's {@code dashboard} package so that moving to that SDK later is a rename:
 * records mirror the JSON objects field for field, and null fields are omitted when written.
 */
package io.vmrules.dashboards.model;
