package io.vmrules.dashboards.model;

/** Position and size on Grafana's 24-column grid. */
public record GridPos(int h, int w, int x, int y) {
  public static final int COLUMNS = 24;

  public GridPos {
    if (h <= 0 || w <= 0 || w > COLUMNS || x < 0 || x + w > COLUMNS || y < 0) {
      throw new IllegalArgumentException(
          "grid position out of bounds: " + h + "x" + w + " at " + x + "," + y);
    }
  }

  public int right() {
    return x + w;
  }

  public int bottom() {
    return y + h;
  }

  public boolean overlaps(GridPos o) {
    return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
  }
}
