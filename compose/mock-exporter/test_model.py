"""Checks of the simulation: determinism, monotone counters, consistent histograms, incidents.

Run with: python3 -m unittest discover compose/mock-exporter
"""
import unittest

import catalog


class SimulationTest(unittest.TestCase):
    def test_exposes_340_plus_families_with_the_process_collectors(self):
        sim = catalog.build(seed=1, start=0)
        # ProcessCollector, PlatformCollector and GCCollector add about ten more at runtime.
        self.assertGreaterEqual(catalog.family_count(sim), 330)

    def test_same_seed_gives_same_numbers(self):
        a = catalog.build(seed=7, start=0)
        b = catalog.build(seed=7, start=0)
        a.advance_to(300)
        b.advance_to(300)
        self.assertEqual(a.snapshot()[0][1], b.snapshot()[0][1])

    def test_counters_never_decrease_and_histograms_are_cumulative(self):
        sim = catalog.build(seed=3, start=0)
        before = {f.name: rows for f, rows in sim.snapshot()}
        sim.advance_to(1800)
        for fam, rows in sim.snapshot():
            for (labels, v), (_, old) in zip(rows, before[fam.name]):
                if fam.kind == "counter":
                    self.assertGreaterEqual(v, old, fam.name)
                elif fam.kind == "histogram":
                    buckets, count, _ = v
                    self.assertEqual(buckets, sorted(buckets), fam.name)
                    self.assertEqual(buckets[-1], count, fam.name)

    def test_incidents_come_within_minutes_and_raise_errors(self):
        sim = catalog.build(seed=42, start=0)
        sim.advance_to(3600)
        kinds = {i.kind for i in sim.schedule.incidents}
        self.assertGreaterEqual(len(kinds), 3)
        self.assertLess(sim.schedule.incidents[0].start, 200)


if __name__ == "__main__":
    unittest.main()
