package testkit

import (
	"fmt"
	"testing"

	"zongzhi/backend/grid"
)

// Grids saves divisions, grids and staff: a *grid.Service, or the app's
// GridService over one.
type Grids interface {
	SaveDivision(grid.Division) (grid.Division, error)
	SaveGrid(grid.Grid) (grid.Grid, error)
	SaveStaff(grid.Staff) (grid.Staff, error)
}

// The demo township's codes.
const (
	TownshipCode = "530521103000" // 勐简乡
	VillageCode  = "530521103201" // 平场子村, the first village
)

// Township saves the township 勐简乡 and its village 平场子村 through g,
// and the grid 平场子一组 (level 1, type 1) in the village, which it
// returns as saved.
func Township(t testing.TB, g Grids) grid.Grid {
	t.Helper()
	Villages(t, g, "平场子村")
	gr, err := g.SaveGrid(grid.Grid{Name: "平场子一组", Village: VillageCode, Level: "1", Type: "1"})
	if err != nil {
		t.Fatal(err)
	}
	return gr
}

// Villages saves the township 勐简乡 through g and in it a village of
// each name, coded from VillageCode up (530521103201, 530521103202, …).
func Villages(t testing.TB, g Grids, names ...string) {
	t.Helper()
	if _, err := g.SaveDivision(grid.Division{Code: TownshipCode, Name: "勐简乡", Level: "township"}); err != nil {
		t.Fatal(err)
	}
	for i, name := range names {
		code := fmt.Sprintf("530521103%03d", 201+i)
		if _, err := g.SaveDivision(grid.Division{Code: code, Name: name, Level: "village", Parent: TownshipCode}); err != nil {
			t.Fatal(err)
		}
	}
}

// Staff saves each of staff through g, in order, and returns them as saved.
func Staff(t testing.TB, g Grids, staff ...grid.Staff) []grid.Staff {
	t.Helper()
	saved := make([]grid.Staff, len(staff))
	for i, s := range staff {
		var err error
		if saved[i], err = g.SaveStaff(s); err != nil {
			t.Fatal(err)
		}
	}
	return saved
}
