package api_test

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"zongzhi/backend/api"
)

var updateSurface = flag.Bool("update", false, "rewrite testdata/surface.txt from the bound services")

// surface lists every bound method with its signature, one per line: what
// the Wails window binds and httpapi serves as POST /api/<Service>/<Method>.
func surface(bindings map[string]any) string {
	var lines []string
	for name, svc := range bindings {
		t := reflect.TypeOf(svc)
		for i := 0; i < t.NumMethod(); i++ {
			m := t.Method(i)
			var in, out []string
			for j := 1; j < m.Type.NumIn(); j++ {
				in = append(in, m.Type.In(j).String())
			}
			for j := 0; j < m.Type.NumOut(); j++ {
				out = append(out, m.Type.Out(j).String())
			}
			res := strings.Join(out, ", ")
			if len(out) > 1 {
				res = "(" + res + ")"
			}
			lines = append(lines, strings.TrimSpace(fmt.Sprintf("%s.%s(%s) %s", name, m.Name, strings.Join(in, ", "), res)))
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

// TestSurface pins the API surface: adding, removing or changing a bound
// method is a visible diff of testdata/surface.txt, reviewed on purpose.
// Only methods the UI (frontend/src/api, the e2e specs) calls belong here.
func TestSurface(t *testing.T) {
	got := surface((&api.Services{}).Bindings())
	const path = "testdata/surface.txt"
	if *updateSurface {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the bound methods differ from %s; if the change is meant, run\n\tgo test ./backend/api -run TestSurface -update\nand regenerate the frontend types (go run ./backend/cmd/tsgen).\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff names the lines only one side has.
func lineDiff(want, got string) string {
	w, g := map[string]bool{}, map[string]bool{}
	for _, l := range strings.Split(want, "\n") {
		w[l] = true
	}
	for _, l := range strings.Split(got, "\n") {
		g[l] = true
	}
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	return b.String()
}

var (
	// call<T>(S, 'Method', …) in frontend/src, S a literal or a const.
	callRE  = regexp.MustCompile(`\bcall(?:<[^()]*>)?\(\s*('?\w+'?)\s*,\s*'(\w+)'`)
	constRE = regexp.MustCompile(`const (\w+) = '(\w+Service)'`)
	// api(page, 'Service/Method', …) in the e2e specs.
	e2eRE = regexp.MustCompile(`\bapi(?:<[^()]*>)?\(\s*page,\s*'(\w+)/(\w+)'`)
)

// uiCalls lists the "Service.Method"s the frontend and its e2e specs call.
func uiCalls(t *testing.T, dirs ...string) map[string]string {
	t.Helper()
	calls := map[string]string{}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".ts") || strings.HasSuffix(path, ".vue")) || strings.HasSuffix(path, ".test.ts") {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			src := string(b)
			consts := map[string]string{}
			for _, m := range constRE.FindAllStringSubmatch(src, -1) {
				consts[m[1]] = m[2]
			}
			for _, m := range callRE.FindAllStringSubmatch(src, -1) {
				svc := strings.Trim(m[1], "'")
				if c, ok := consts[svc]; ok {
					svc = c
				}
				calls[svc+"."+m[2]] = path
			}
			for _, m := range e2eRE.FindAllStringSubmatch(src, -1) {
				calls[m[1]+"."+m[2]] = path
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return calls
}

// TestSurfaceIsWhatTheUICalls keeps the surface to what the UI uses: a
// bound method nobody calls is an endpoint to remove, a call to a method
// that is not bound fails at run time.
func TestSurfaceIsWhatTheUICalls(t *testing.T) {
	calls := uiCalls(t, "../../frontend/src", "../../frontend/e2e")
	bound := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(surface((&api.Services{}).Bindings())), "\n") {
		bound[l[:strings.Index(l, "(")]] = true
	}
	for m := range bound {
		if calls[m] == "" {
			t.Errorf("%s is bound but the frontend never calls it: stop forwarding it (or call it through frontend/src/api/services.ts)", m)
		}
	}
	for m, path := range calls {
		if !bound[m] {
			t.Errorf("%s calls %s, which is not bound", path, m)
		}
	}
}
