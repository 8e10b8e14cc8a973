package io.vmrules.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmrules.dashboards.build.DashboardBuilder;
import io.vmrules.dashboards.build.PanelBuilder;
import io.vmrules.dashboards.model.Dashboard;
import io.vmrules.dashboards.model.GridPos;
import io.vmrules.dashboards.model.Panel;
import io.vmrules.dashboards.model.PanelItem;
import io.vmrules.dashboards.model.RowPanel;
import io.vmrules.dashboards.model.Unit;
import io.vmrules.dashboards.stack.StackDashboards;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutTest {
  private static PanelBuilder stat(String title, int w, int h) {
    return PanelBuilder.stat(title)
        .description("d")
        .unit(Unit.NONE)
        .query("vector(1)", "")
        .size(w, h);
  }

  @Test
  void panelsFlowLeftToRightAndWrapBelowTheTallestOfTheLine() {
    Dashboard d =
        DashboardBuilder.create("t", "t")
            .add(stat("a", 12, 4), stat("b", 8, 6), stat("c", 8, 3), stat("d", 24, 2))
            .build();
    assertThat(d.panels())
        .extracting(PanelItem::gridPos)
        .containsExactly(
            new GridPos(4, 12, 0, 0),
            new GridPos(6, 8, 12, 0),
            new GridPos(3, 8, 0, 6),
            new GridPos(2, 24, 0, 9));
    assertThat(d.panels()).extracting(PanelItem::id).containsExactly(1, 2, 3, 4);
  }

  @Test
  void expandedRowsHaveNoNestedPanelsAndTheirPanelsFollowAsSiblings() {
    Dashboard d =
        DashboardBuilder.create("t", "t")
            .row("open")
            .add(stat("a", 12, 4), stat("b", 12, 4))
            .collapsedRow("closed")
            .add(stat("c", 24, 4), stat("d", 6, 4))
            .row("after")
            .add(stat("e", 6, 4))
            .build();
    assertThat(d.panels())
        .extracting(PanelItem::title)
        .containsExactly("open", "a", "b", "closed", "after", "e");
    RowPanel open = (RowPanel) d.panels().get(0);
    RowPanel closed = (RowPanel) d.panels().get(3);
    assertThat(open.collapsed()).isFalse();
    assertThat(open.panels()).isEmpty();
    assertThat(closed.collapsed()).isTrue();
    assertThat(closed.panels()).extracting(Panel::title).containsExactly("c", "d");
    // nested panels sit below their row as if it were open; the next row follows the closed row
    assertThat(closed.gridPos().y()).isEqualTo(5);
    assertThat(closed.panels().get(0).gridPos().y()).isEqualTo(6);
    assertThat(d.panels().get(4).gridPos().y()).isEqualTo(6);
    assertThat(ids(d)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void shippedDashboardsFitTheGridWithoutOverlapsAndWithIdsFromOne() {
    for (StackDashboards.Shipped s : StackDashboards.all()) {
      Dashboard d = s.dashboard();
      List<Integer> ids = ids(d);
      assertThat(new HashSet<>(ids)).as(d.uid() + " ids unique").hasSize(ids.size());
      assertThat(ids)
          .as(d.uid() + " ids")
          .containsExactlyInAnyOrderElementsOf(
              java.util.stream.IntStream.rangeClosed(1, ids.size()).boxed().toList());
      List<GridPos> visible = d.panels().stream().map(PanelItem::gridPos).toList();
      assertNoOverlap(d.uid(), visible);
      for (PanelItem item : d.panels()) {
        assertThat(item.gridPos().right()).isLessThanOrEqualTo(GridPos.COLUMNS);
        if (item instanceof RowPanel r) {
          assertThat(r.gridPos().w()).isEqualTo(GridPos.COLUMNS);
          if (!r.collapsed()) {
            assertThat(r.panels()).as(d.uid() + " expanded row " + r.title()).isEmpty();
          } else {
            assertThat(r.panels()).isNotEmpty();
            assertNoOverlap(
                d.uid() + "/" + r.title(), r.panels().stream().map(Panel::gridPos).toList());
          }
        }
      }
    }
  }

  @Test
  void rejectsPanelsThatDoNotFitTheGrid() {
    assertThatThrownBy(() -> stat("wide", 25, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GridPos(4, 12, 13, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertNoOverlap(String where, List<GridPos> positions) {
    for (int i = 0; i < positions.size(); i++) {
      for (int j = i + 1; j < positions.size(); j++) {
        assertThat(positions.get(i).overlaps(positions.get(j)))
            .as(where + ": " + positions.get(i) + " overlaps " + positions.get(j))
            .isFalse();
      }
    }
  }

  private static List<Integer> ids(Dashboard d) {
    List<Integer> ids = new ArrayList<>();
    for (PanelItem item : d.panels()) {
      ids.add(item.id());
      if (item instanceof RowPanel r) {
        r.panels().forEach(p -> ids.add(p.id()));
      }
    }
    return ids;
  }
}
