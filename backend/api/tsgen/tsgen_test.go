package tsgen

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"zongzhi/backend/importer"
)

func source(t *testing.T) *Source {
	t.Helper()
	src, err := NewSource(".")
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// TestGeneratedFilesAreCurrent fails when a Go type the UI sees changed
// and the committed TypeScript was not regenerated.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	src := source(t)
	files, err := Files(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range sortedKeys(files) {
		have, err := os.ReadFile(filepath.Join(src.Root, filepath.FromSlash(name)))
		if err != nil {
			t.Fatalf("%v: run `%s`", err, Command)
		}
		if string(have) != string(files[name]) {
			t.Errorf("%s differs from the Go types it is generated from: run `%s` (from the repository root) and commit the result\n%s",
				name, Command, firstDiff(string(have), string(files[name])))
		}
	}
}

// firstDiff shows the first line that differs.
func firstDiff(have, want string) string {
	h, w := strings.Split(have, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(h), len(w)); i++ {
		var a, b string
		if i < len(h) {
			a = h[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n  committed: " + a + "\n  generated: " + b
		}
	}
	return ""
}

// TestShapesMatchEncodingJSON marshals a filled value of every generated
// interface's Go type and compares the keys encoding/json (and any
// MarshalJSON) writes with the generated properties: an override that
// says the wrong thing, or a new MarshalJSON, fails here.
func TestShapesMatchEncodingJSON(t *testing.T) {
	m, err := Build(Contract(source(t)))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, d := range m.Decls {
		if d.Union != nil {
			continue
		}
		raw, err := json.Marshal(fill(d.Go, 0).Interface())
		if err != nil {
			t.Errorf("%s: %v", goName(d.Go), err)
			continue
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil {
			t.Errorf("%s is generated as an interface but writes %s", goName(d.Go), raw)
			continue
		}
		var got []string
	keys:
		for k := range obj {
			for _, p := range d.Patterns {
				if strings.HasPrefix(k, p.Prefix) {
					continue keys
				}
			}
			got = append(got, k)
		}
		var want []string
		for _, f := range d.Fields {
			want = append(want, f.Name)
		}
		sort.Strings(got)
		sort.Strings(want)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s (TS %s): JSON keys\n  %v\nbut generated\n  %v", goName(d.Go), d.Name, got, want)
		}
		checked++
	}
	if checked < 100 {
		t.Fatalf("only %d types checked", checked)
	}
}

// fill makes a value with every field set, so omitempty drops nothing
// and every slice has an element for a MarshalJSON to write.
func fill(t reflect.Type, depth int) reflect.Value {
	v := reflect.New(t).Elem()
	if depth > 6 {
		return v
	}
	switch {
	case t == reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)))
		return v
	case t == reflect.TypeFor[json.RawMessage]():
		v.SetBytes([]byte("1"))
		return v
	}
	switch t.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1)
	case reflect.Pointer:
		v.Set(fill(t.Elem(), depth+1).Addr())
	case reflect.Slice:
		v.Set(reflect.Append(v, fill(t.Elem(), depth+1)))
	case reflect.Map:
		v.Set(reflect.MakeMap(t))
		k := reflect.New(t.Key()).Elem()
		if k.Kind() == reflect.String {
			k.SetString("k")
		}
		v.SetMapIndex(k, fill(t.Elem(), depth+1))
	case reflect.Interface:
		v.Set(reflect.ValueOf("x"))
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if f := v.Field(i); f.CanSet() {
				f.Set(fill(t.Field(i).Type, depth+1))
			}
		}
	}
	return v
}

// The rules of encoding/json the generator follows, on small types.
type point struct {
	X int `json:"x"`
}

type base struct {
	ID     string `json:"id"`
	Hidden string `json:"-"`
	Name   string `json:"name"`
	secret string
}

type shape struct {
	base
	Name    string            `json:"name"` // shallower: wins over base's
	Note    string            `json:"note,omitempty"`
	Count   int64             `json:"count,string"`
	Data    []byte            `json:"data"`
	At      time.Time         `json:"at"`
	Where   *point            `json:"where"`
	Tags    map[string][]int  `json:"tags"`
	Any     any               `json:"any"`
	Action  importer.Action   `json:"action"`
	Inline  struct{ A bool }  `json:"inline"`
	ByPoint map[string]*point `json:"byPoint,omitempty"`
}

type custom struct{ A string }

func (custom) MarshalJSON() ([]byte, error) { return []byte(`"A"`), nil }

type takesShape struct{}

func (takesShape) Get(shape) (point, error) { return point{}, nil }

type takesCustom struct{}

func (takesCustom) Get() custom { return custom{} }

func TestFollowsEncodingJSON(t *testing.T) {
	m, err := Build(&Config{Services: map[string]any{"S": takesShape{}}, Source: source(t),
		Names: map[string]string{"tsgen.point": "Point"}})
	if err != nil {
		t.Fatal(err)
	}
	ts := string(m.TypesTS())
	for _, want := range []string{
		"export interface shape {\n  id: string\n  name: string\n  note?: string\n  count: string\n  /** base64 */\n  data: string\n  at: string\n" +
			"  where: Point | null\n  tags: Record<string, number[]>\n  any: unknown\n  action: Action\n  inline: { A: boolean }\n  byPoint?: Record<string, Point | null>\n}",
		"export type Action = 'import' | 'update' | 'duplicate' | 'reject'",
		"export interface Point {\n  x: number\n}",
	} {
		if !strings.Contains(ts, want) {
			t.Errorf("missing\n%s\nin\n%s", want, ts)
		}
	}
	if strings.Contains(ts, "Hidden") || strings.Contains(ts, "secret") {
		t.Errorf("skipped fields written:\n%s", ts)
	}
}

func TestRefusesWhatItCannotKnow(t *testing.T) {
	src := source(t)
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{Services: map[string]any{"S": takesCustom{}}}, "tsgen.custom has its own MarshalJSON"},
		{Config{Services: map[string]any{"S": takesShape{}}, Names: map[string]string{"tsgen.gone": "Gone"}}, "names tsgen.gone"},
		{Config{Services: map[string]any{"S": takesShape{}}, Names: map[string]string{"tsgen.point": "shape"}}, "would both be TS shape"},
		{Config{Services: map[string]any{"S": takesShape{}}, Consts: []ConstGroup{{Name: "X", Pkg: "zongzhi/backend/ledger", Prefix: "Nothing"}}}, "no constants"},
	} {
		c.cfg.Source = src
		if _, err := Build(&c.cfg); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("want an error naming %q, got %v", c.want, err)
		}
	}
}
