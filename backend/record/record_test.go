package record

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"

	"zongzhi/backend/hlc"
)

func ver(site string, seq uint64, ms int64) Version {
	return Version{HLC: hlc.New(ms, 0), Site: site, Seq: seq}
}

func TestConcurrentWritesAreBothKeptWithOneWinner(t *testing.T) {
	base := New("grid", "g1")
	v0 := ver("A", 1, 100)
	base.Apply(Write{Field: "name", Value: json.RawMessage(`"一网格"`)}, v0)

	// Two sites edit the same field, each having seen only v0.
	wa := Write{Field: "name", Value: json.RawMessage(`"东网格"`), Replaces: []Version{v0}}
	wb := Write{Field: "name", Value: json.RawMessage(`"西网格"`), Replaces: []Version{v0}}
	va, vb := ver("A", 2, 200), ver("B", 1, 150)

	x, y := New("grid", "g1"), New("grid", "g1")
	x.Apply(Write{Field: "name", Value: json.RawMessage(`"一网格"`)}, v0)
	y.Apply(Write{Field: "name", Value: json.RawMessage(`"一网格"`)}, v0)
	x.Apply(wa, va)
	x.Apply(wb, vb)
	y.Apply(wb, vb)
	y.Apply(wa, va)
	y.Apply(wa, va) // twice: no effect
	if !reflect.DeepEqual(x, y) {
		t.Fatalf("order changed the result:\n%+v\n%+v", x, y)
	}
	if got := string(x.Value("name")); got != `"东网格"` {
		t.Fatalf("winner = %s, want the higher HLC", got)
	}
	if c := x.Conflicts(); len(c) != 1 || c[0] != "name" {
		t.Fatalf("conflicts = %v", c)
	}
	// A resolution replaces both candidates.
	res := x.Changes(map[string]json.RawMessage{"name": json.RawMessage(`"中网格"`)})
	if len(res) != 1 || len(res[0].Replaces) != 2 {
		t.Fatalf("resolution must replace both candidates: %+v", res)
	}
	x.Apply(res[0], ver("A", 3, 300))
	if len(x.Conflicts()) != 0 || string(x.Value("name")) != `"中网格"` {
		t.Fatalf("after resolution: %+v", x.Fields["name"])
	}
}

func TestDeleteVersusEditIsAConflict(t *testing.T) {
	r := New("grid", "g1")
	v0 := ver("A", 1, 100)
	r.Apply(Write{Field: DeletedField, Value: json.RawMessage(`false`)}, v0)
	r.Apply(Write{Field: DeletedField, Value: json.RawMessage(`true`), Replaces: []Version{v0}}, ver("A", 2, 200))
	r.Apply(Write{Field: "name", Value: json.RawMessage(`"x"`)}, ver("B", 1, 300))
	if !r.Deleted() {
		t.Fatal("record should be deleted")
	}
	// An unrelated edit does not resurrect; a concurrent undelete conflicts.
	r.Apply(Write{Field: DeletedField, Value: json.RawMessage(`false`), Replaces: []Version{v0}}, ver("B", 2, 150))
	if !r.Deleted() || len(r.Conflicts()) != 1 {
		t.Fatalf("deleted=%v conflicts=%v", r.Deleted(), r.Conflicts())
	}
}

// Replicas that receive the same ops in different causal orders (and some
// twice) end with identical registers.
func TestRandomCausalInterleavingsConverge(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sites := []string{"A", "B", "C"}
	fields := []string{"name", "level", DeletedField}
	type entry struct {
		w Write
		v Version
	}
	for round := 0; round < 300; round++ {
		var all []entry
		var logs [3][]entry
		local := [3]*Record{New("k", "1"), New("k", "1"), New("k", "1")}
		for step := 0; step < 15; step++ {
			s := rng.IntN(3)
			f := fields[rng.IntN(len(fields))]
			val, _ := json.Marshal(rng.IntN(5))
			var repl []Version
			for _, c := range local[s].Fields[f] {
				repl = append(repl, c.Ver)
			}
			e := entry{Write{Field: f, Value: val, Replaces: repl}, ver(sites[s], uint64(len(logs[s])+1), int64(rng.IntN(50)))}
			logs[s] = append(logs[s], e)
			all = append(all, e)
			local[s].Apply(e.w, e.v)
			if rng.IntN(3) == 0 { // a stick arrives: s hears all of another site
				for _, e := range logs[rng.IntN(3)] {
					local[s].Apply(e.w, e.v)
				}
			}
		}
		// deliver applies ops in a random order that respects causality:
		// an op waits for its site's previous op and for what it replaced.
		deliver := func(seed uint64) *Record {
			r := New("k", "1")
			order := rand.New(rand.NewPCG(seed, 9))
			have := map[Version]bool{}
			done := map[string]uint64{}
			pending := append([]entry(nil), all...)
			for len(pending) > 0 {
				i := order.IntN(len(pending))
				e := pending[i]
				ready := done[e.v.Site] == e.v.Seq-1
				for _, d := range e.w.Replaces {
					ready = ready && have[d]
				}
				if !ready {
					continue
				}
				r.Apply(e.w, e.v)
				if order.IntN(4) == 0 {
					r.Apply(e.w, e.v) // duplicate delivery
				}
				have[e.v], done[e.v.Site] = true, e.v.Seq
				pending = append(pending[:i], pending[i+1:]...)
			}
			return r
		}
		a, b := deliver(uint64(round)), deliver(uint64(round)+1000)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("round %d: replicas diverged:\n%+v\n%+v", round, a.Fields, b.Fields)
		}
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	type grid struct {
		Name  string   `json:"name"`
		Level int      `json:"level"`
		Tags  []string `json:"tags"`
	}
	in := grid{Name: "平场子村第一网格", Level: 1, Tags: []string{"基础"}}
	fields, err := Encode(in)
	if err != nil {
		t.Fatal(err)
	}
	r := New("grid", "g")
	for _, w := range r.Changes(fields) {
		r.Apply(w, ver("A", 1, 1))
	}
	var out grid
	if err := r.Decode(&out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Fatalf("round trip: %+v", out)
	}
	if ws := r.Changes(fields); len(ws) != 0 {
		t.Fatalf("unchanged values produced writes: %+v", ws)
	}
}

// Encode's splitter gives what decoding the marshalled object gives, for
// values of every JSON shape (escaped strings, nested objects and arrays,
// raw values, empty containers).
func TestEncodeSplitsLikeTheDecoder(t *testing.T) {
	type inner struct {
		A string         `json:"a"`
		B []int          `json:"b"`
		M map[string]any `json:"m,omitempty"`
	}
	type sample struct {
		S   string          `json:"s"`
		Q   string          `json:"q,omitempty"`
		N   int             `json:"n"`
		F   float64         `json:"f"`
		B   bool            `json:"b"`
		P   *inner          `json:"p"`
		L   []inner         `json:"l"`
		R   json.RawMessage `json:"r,omitempty"`
		E   []string        `json:"e"`
		Key string          `json:"k\"ey,omitempty"`
	}
	rng := rand.New(rand.NewPCG(3, 3))
	texts := []string{"", "网格", `引号"和\反斜杠`, "a,b}c]d{", "换行\n制表\t", "\u2028", "<>&"}
	pick := func() string { return texts[rng.IntN(len(texts))] }
	for i := 0; i < 2000; i++ {
		v := sample{S: pick(), Q: pick(), N: rng.IntN(2000) - 1000, F: rng.Float64() * 1e6, B: rng.IntN(2) == 0}
		if rng.IntN(2) == 0 {
			v.P = &inner{A: pick(), B: []int{rng.IntN(9)}, M: map[string]any{pick(): []any{pick(), 1.5, nil}}}
		}
		for j := rng.IntN(3); j > 0; j-- {
			v.L = append(v.L, inner{A: pick()})
		}
		if rng.IntN(2) == 0 {
			v.R = json.RawMessage(`{ "x" : [1, 2] }`)
		}
		if rng.IntN(4) == 0 {
			v.Key = pick()
		}
		if rng.IntN(3) == 0 {
			v.E = []string{}
		}
		got, err := Encode(v)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(v)
		var want map[string]json.RawMessage
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d fields, want %d", raw, len(got), len(want))
		}
		for k, w := range want {
			var buf bytes.Buffer
			json.Compact(&buf, w)
			if !bytes.Equal(got[k], buf.Bytes()) {
				t.Fatalf("%s: field %q = %s, want %s", raw, k, got[k], buf.Bytes())
			}
		}
	}
}
