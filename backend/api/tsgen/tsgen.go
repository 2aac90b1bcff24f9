// Package tsgen writes the frontend's TypeScript view of the API from the
// Go types themselves: frontend/src/api/types.ts (every type a bound
// method takes or returns, as encoding/json writes it) and constants.ts
// (the code values views compare against). A test regenerates both in
// memory and fails when the committed files differ, so Go and TypeScript
// cannot drift apart.
//
// Why our own generator rather than Wails' bindings generator: `wails
// generate module` builds the app (the GTK/WebKit toolchain, on every
// machine that changes a Go type), emits one JS wrapper per method that
// we do not use (the client calls window.go and HTTP through one
// function), and models types as classes after Wails' own rules — it
// knows nothing of our custom MarshalJSON shapes, of our HTTP transport or
// of our TS names. What we need is small: reflect over the methods
// api.Services binds, follow encoding/json's rules, and say explicitly
// (Override) what the few types with their own MarshalJSON write. That
// runs in `go test` with no cgo.
package tsgen

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Config says what to generate.
type Config struct {
	// Services are the bound services by the name the UI calls them
	// (api.Services.Bindings()): every exported method's argument and
	// results are generated, and what they reach.
	Services map[string]any
	// Extra are values of types the UI reads that no signature names,
	// e.g. what a job's progress and result carry behind `any`.
	Extra []any
	// Names gives a Go type ("pkg.Type", pkg the last element of its
	// import path) the TS name the frontend knows it by; unnamed ones keep
	// their Go name. Two Go types may not end up with one TS name.
	Names map[string]string
	// Prefixes name a package's types after their area ("ledger" →
	// "Ledger": ledger.Query is LedgerQuery), unless Names says otherwise
	// or the Go name already starts with the prefix.
	Prefixes map[string]string
	// Overrides say what a type with its own MarshalJSON writes; a type
	// with one and no override is an error.
	Overrides map[string]Override
	// Fields narrow a field's TS type ("pkg.Type.jsonName" → TS type),
	// e.g. to a union generated from constants.
	Fields map[string]string
	// Optional fields ("pkg.Type.jsonName") are ones a form may leave out
	// although Go always writes them, e.g. a new record's id. Besides
	// these, on every type the UI sends, a label the server derives from
	// the code beside it (sexName beside sex) is optional.
	Optional []string
	// Consts are the code values generated into constants.ts.
	Consts []ConstGroup
	// Source reads Go packages' doc comments and constants.
	Source *Source
	// Header opens each generated file.
	Header string
}

// Override describes the JSON a type with its own MarshalJSON writes.
type Override struct {
	// Shape is a struct value whose fields (json tags honoured, embedded
	// structs flattened, their own MarshalJSON ignored) are the keys the
	// JSON holds. Nil: the type's own fields, as if it had no MarshalJSON.
	Shape any
	// Patterns are families of keys, prefix → a value of the element
	// type, e.g. "step:" for one top-level key per log entry.
	Patterns map[string]any
	// Params turn fields of Go type `any` into TS type parameters.
	Params []Param
	// Note is said in the TS doc comment (why the shape differs).
	Note string
}

// Param is a TS type parameter standing for a field of Go type `any`.
type Param struct {
	Name    string // e.g. "P"
	Field   string // the JSON field it types
	Default string // a TS type, e.g. "Step"
}

// Model is what will be generated: the TS declarations in file order.
type Model struct {
	Decls  []*Decl
	Consts []*Const
	byType map[reflect.Type]*Decl
	cfg    *Config
}

// Decl is one generated TS type.
type Decl struct {
	Go       reflect.Type
	Name     string
	Doc      string
	Fields   []Field   // an interface
	Patterns []Pattern // keys by prefix, for the shape check
	Params   []Param
	Union    []string // a union of literals (a Go type with constants)
}

// Field is one property of a generated interface.
type Field struct {
	Name     string
	TS       string
	Optional bool
	Doc      string
}

// Pattern is a family of keys with one element type.
type Pattern struct {
	Prefix string
	TS     string
}

var (
	timeType    = reflect.TypeFor[time.Time]()
	rawType     = reflect.TypeFor[json.RawMessage]()
	errorType   = reflect.TypeFor[error]()
	marshaler   = reflect.TypeFor[json.Marshaler]()
	textMarshal = reflect.TypeFor[encoding.TextMarshaler]()
)

// Build walks the services and extra types and plans every declaration.
func Build(cfg *Config) (*Model, error) {
	m := &Model{byType: map[reflect.Type]*Decl{}, cfg: cfg}
	for _, n := range sortedKeys(cfg.Services) {
		t := reflect.TypeOf(cfg.Services[n])
		for i := 0; i < t.NumMethod(); i++ {
			mt := t.Method(i).Type
			for j := 1; j < mt.NumIn(); j++ {
				if _, err := m.ts(mt.In(j)); err != nil {
					return nil, fmt.Errorf("%s.%s: %w", n, t.Method(i).Name, err)
				}
			}
			for j := 0; j < mt.NumOut(); j++ {
				if mt.Out(j) == errorType {
					continue
				}
				if _, err := m.ts(mt.Out(j)); err != nil {
					return nil, fmt.Errorf("%s.%s: %w", n, t.Method(i).Name, err)
				}
			}
		}
	}
	for _, v := range cfg.Extra {
		if _, err := m.ts(reflect.TypeOf(v)); err != nil {
			return nil, err
		}
	}
	m.loosenSent()
	if err := m.checkConfig(); err != nil {
		return nil, err
	}
	for _, g := range cfg.Consts {
		c, err := cfg.Source.consts(g)
		if err != nil {
			return nil, err
		}
		m.Consts = append(m.Consts, c)
	}
	sort.SliceStable(m.Decls, func(i, j int) bool {
		a, b := m.Decls[i].Go, m.Decls[j].Go
		if a.PkgPath() != b.PkgPath() {
			return a.PkgPath() < b.PkgPath()
		}
		return m.Decls[i].Name < m.Decls[j].Name
	})
	return m, nil
}

// checkConfig refuses entries that name nothing: a stale name or override
// would otherwise silently stop applying.
func (m *Model) checkConfig() error {
	var errs []error
	seen := map[string]*Decl{}
	used := map[string]bool{}
	for _, d := range m.Decls {
		key := goName(d.Go)
		used[key] = true
		if o, ok := seen[d.Name]; ok {
			errs = append(errs, fmt.Errorf("tsgen: %s and %s would both be TS %s: give one a name in Config.Names", goName(o.Go), key, d.Name))
		}
		seen[d.Name] = d
	}
	for _, k := range sortedKeys(m.cfg.Names) {
		if !used[k] {
			errs = append(errs, fmt.Errorf("tsgen: Config.Names names %s, which no API type reaches", k))
		}
	}
	for _, k := range sortedKeys(m.cfg.Overrides) {
		if !used[k] {
			errs = append(errs, fmt.Errorf("tsgen: Config.Overrides names %s, which no API type reaches", k))
		}
	}
	keys := sortedKeys(m.cfg.Fields)
	keys = append(keys, m.cfg.Optional...)
	for _, k := range keys {
		i := strings.LastIndex(k, ".")
		found := false
		for _, d := range m.Decls {
			for _, f := range d.Fields {
				found = found || (i > 0 && goName(d.Go) == k[:i] && f.Name == k[i+1:])
			}
		}
		if !found {
			errs = append(errs, fmt.Errorf("tsgen: Config.Fields or Optional names %s, which no API type has", k))
		}
	}
	return errors.Join(errs...)
}

// loosenSent makes optional what a form need not send: Config.Optional,
// and on the types method arguments reach, the derived labels.
func (m *Model) loosenSent() {
	sent := map[reflect.Type]bool{}
	for _, n := range sortedKeys(m.cfg.Services) {
		t := reflect.TypeOf(m.cfg.Services[n])
		for i := 0; i < t.NumMethod(); i++ {
			mt := t.Method(i).Type
			for j := 1; j < mt.NumIn(); j++ {
				reach(mt.In(j), sent)
			}
		}
	}
	optional := map[string]bool{}
	for _, k := range m.cfg.Optional {
		optional[k] = true
	}
	for _, d := range m.Decls {
		have := map[string]bool{}
		for _, f := range d.Fields {
			have[f.Name] = true
		}
		for i, f := range d.Fields {
			base, label := strings.CutSuffix(f.Name, "Name")
			if optional[goName(d.Go)+"."+f.Name] || (sent[d.Go] && label && have[base]) {
				d.Fields[i].Optional = true
			}
		}
	}
}

// reach marks the named types a value of type t holds.
func reach(t reflect.Type, seen map[reflect.Type]bool) {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		reach(t.Elem(), seen)
	case reflect.Struct:
		if seen[t] {
			return
		}
		seen[t] = true
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() || f.Anonymous {
				reach(f.Type, seen)
			}
		}
	}
}

// goName is "pkg.Type", pkg the last element of the import path.
func goName(t reflect.Type) string {
	p := t.PkgPath()
	return p[strings.LastIndex(p, "/")+1:] + "." + t.Name()
}

// ts is the TS type expression for t, planning declarations it needs.
func (m *Model) ts(t reflect.Type) (string, error) {
	switch {
	case t == timeType:
		return "string", nil // RFC 3339
	case t == rawType:
		return "unknown", nil // any JSON
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 && t.Elem().Name() == "uint8":
		return "string", nil // base64
	}
	if d, ok := m.byType[t]; ok {
		return d.Name, nil
	}
	if t.Name() != "" && t.PkgPath() != "" {
		_, over := m.cfg.Overrides[goName(t)]
		if !over && (t.Implements(marshaler) || reflect.PointerTo(t).Implements(marshaler)) {
			return "", fmt.Errorf("tsgen: %s has its own MarshalJSON: say what it writes in Config.Overrides", goName(t))
		}
		if !over && (t.Implements(textMarshal) || reflect.PointerTo(t).Implements(textMarshal)) {
			return "string", nil
		}
	}
	switch t.Kind() {
	case reflect.Bool:
		return m.basic(t, "boolean")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return m.basic(t, "number")
	case reflect.String:
		return m.basic(t, "string")
	case reflect.Slice, reflect.Array:
		e, err := m.ts(t.Elem())
		if err != nil {
			return "", err
		}
		if strings.ContainsAny(e, " |") {
			e = "(" + e + ")"
		}
		return e + "[]", nil
	case reflect.Map:
		if k := t.Key().Kind(); k != reflect.String && (k < reflect.Int || k > reflect.Uint64) && !t.Key().Implements(textMarshal) {
			return "", fmt.Errorf("tsgen: map key %s is not written by encoding/json", t.Key())
		}
		v, err := m.ts(t.Elem())
		if err != nil {
			return "", err
		}
		return "Record<string, " + v + ">", nil
	case reflect.Pointer:
		e, err := m.ts(t.Elem())
		if err != nil {
			return "", err
		}
		return e + " | null", nil
	case reflect.Interface:
		return "unknown", nil
	case reflect.Struct:
		if t.Name() == "" {
			fs, err := m.fields(t, "")
			if err != nil {
				return "", err
			}
			parts := make([]string, len(fs))
			for i, f := range fs {
				parts[i] = f.Name + opt(f.Optional) + ": " + f.TS
			}
			return "{ " + strings.Join(parts, "; ") + " }", nil
		}
		return m.structDecl(t)
	}
	return "", fmt.Errorf("tsgen: %s (%s) has no JSON form", t, t.Kind())
}

func opt(b bool) string {
	if b {
		return "?"
	}
	return ""
}

// basic is a string, number or boolean; a named Go type with constants
// of its own becomes a union of their values.
func (m *Model) basic(t reflect.Type, base string) (string, error) {
	if t.Name() == "" || t.PkgPath() == "" || t.Name() == t.Kind().String() {
		return base, nil
	}
	values, err := m.cfg.Source.typedConsts(t)
	if err != nil || len(values) == 0 {
		return base, err
	}
	d := &Decl{Go: t, Name: m.name(t), Union: values}
	d.Doc = renameDoc(m.cfg.Source.typeDoc(t), t.Name(), d.Name)
	m.add(d)
	return d.Name, nil
}

func (m *Model) name(t reflect.Type) string {
	if n, ok := m.cfg.Names[goName(t)]; ok {
		return n
	}
	p := t.PkgPath()
	if pre := m.cfg.Prefixes[p[strings.LastIndex(p, "/")+1:]]; !strings.HasPrefix(t.Name(), pre) {
		return pre + t.Name()
	}
	return t.Name()
}

func (m *Model) add(d *Decl) {
	m.byType[d.Go] = d
	m.Decls = append(m.Decls, d)
}

func (m *Model) structDecl(t reflect.Type) (string, error) {
	if strings.Contains(t.Name(), "[") {
		return "", fmt.Errorf("tsgen: %s is generic: give the UI a concrete type", goName(t))
	}
	d := &Decl{Go: t, Name: m.name(t)}
	d.Doc = renameDoc(m.cfg.Source.typeDoc(t), t.Name(), d.Name)
	m.add(d) // before the fields: a type may contain itself
	shape := t
	o, over := m.cfg.Overrides[goName(t)]
	if over && o.Shape != nil {
		shape = reflect.TypeOf(o.Shape)
	}
	if over && o.Note != "" {
		d.Doc = strings.TrimSpace(d.Doc + "\n" + o.Note)
	}
	var err error
	d.Fields, err = m.fields(shape, goName(t))
	if err != nil {
		return "", err
	}
	for _, p := range sortedKeys(o.Patterns) {
		e, err := m.ts(reflect.TypeOf(o.Patterns[p]))
		if err != nil {
			return "", err
		}
		d.Patterns = append(d.Patterns, Pattern{Prefix: p, TS: e})
	}
	for _, p := range o.Params {
		found := false
		for i := range d.Fields {
			if d.Fields[i].Name == p.Field {
				d.Fields[i].TS, found = p.Name, true
			}
		}
		if !found {
			return "", fmt.Errorf("tsgen: %s has no field %q for type parameter %s", goName(t), p.Field, p.Name)
		}
		d.Params = append(d.Params, p)
	}
	return d.Name, nil
}

// renameDoc makes a doc comment that opens with the Go name open with
// the TS name the reader sees.
func renameDoc(doc, goName, tsName string) string {
	if rest, ok := strings.CutPrefix(doc, goName+" "); ok {
		return tsName + " " + rest
	}
	return doc
}

// candidate is a field found while flattening, as encoding/json sees it.
type candidate struct {
	Field
	index  []int
	tagged bool
}

// fields lists a struct's JSON properties after encoding/json's rules:
// exported fields, json tags, embedded structs flattened, and of two
// fields with one name the shallower (then the tagged) one wins, while a
// tie hides both. owner names the generated type for Config.Fields.
func (m *Model) fields(t reflect.Type, owner string) ([]Field, error) {
	var all []candidate
	var walk func(t reflect.Type, index []int, seen map[reflect.Type]bool) error
	walk = func(t reflect.Type, index []int, seen map[reflect.Type]bool) error {
		if seen[t] {
			return nil
		}
		seen[t] = true
		defer delete(seen, t)
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			ft := sf.Type
			if sf.Anonymous && ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if !sf.IsExported() && !(sf.Anonymous && ft.Kind() == reflect.Struct) {
				continue
			}
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			idx := append(append([]int{}, index...), i)
			if sf.Anonymous && name == "" && ft.Kind() == reflect.Struct {
				if err := walk(ft, idx, seen); err != nil {
					return err
				}
				continue
			}
			c := candidate{index: idx, tagged: name != ""}
			if name == "" {
				name = sf.Name
			}
			c.Name = name
			c.Optional = hasOpt(opts, "omitempty") || hasOpt(opts, "omitzero")
			c.Doc = m.cfg.Source.fieldDoc(t, sf.Name)
			ts, err := m.ts(sf.Type)
			if err != nil {
				return fmt.Errorf("%s.%s: %w", t, sf.Name, err)
			}
			if hasOpt(opts, "string") {
				switch sf.Type.Kind() {
				case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
					reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64, reflect.String:
					ts = "string"
				}
			}
			c.TS = ts
			if ts == "string" && sf.Type.Kind() == reflect.Slice && c.Doc == "" {
				c.Doc = "base64"
			}
			all = append(all, c)
		}
		return nil
	}
	if err := walk(t, nil, map[reflect.Type]bool{}); err != nil {
		return nil, err
	}
	byName := map[string][]candidate{}
	for _, c := range all {
		byName[c.Name] = append(byName[c.Name], c)
	}
	var out []candidate
	for _, cs := range byName {
		if c, ok := dominant(cs); ok {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return lessIndex(out[i].index, out[j].index) })
	fs := make([]Field, len(out))
	for i, c := range out {
		fs[i] = c.Field
		if n, ok := m.cfg.Fields[owner+"."+c.Name]; ok && owner != "" {
			fs[i].TS = n
		}
	}
	return fs, nil
}

func hasOpt(opts, want string) bool {
	for _, o := range strings.Split(opts, ",") {
		if o == want {
			return true
		}
	}
	return false
}

// dominant picks the field encoding/json writes among same-named ones.
func dominant(cs []candidate) (candidate, bool) {
	depth := len(cs[0].index)
	for _, c := range cs {
		depth = min(depth, len(c.index))
	}
	var top []candidate
	for _, c := range cs {
		if len(c.index) == depth {
			top = append(top, c)
		}
	}
	if len(top) == 1 {
		return top[0], true
	}
	var tagged []candidate
	for _, c := range top {
		if c.tagged {
			tagged = append(tagged, c)
		}
	}
	if len(tagged) == 1 {
		return tagged[0], true
	}
	return candidate{}, false
}

func lessIndex(a, b []int) bool {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

// TypesTS is the text of types.ts.
func (m *Model) TypesTS() []byte {
	var b bytes.Buffer
	b.WriteString(m.cfg.Header)
	var consts []string
	for _, c := range m.Consts {
		consts = append(consts, c.Name)
	}
	if len(consts) > 0 {
		list := strings.Join(consts, ", ")
		fmt.Fprintf(&b, "\n// The code values' unions, for fields and props that hold one.\nimport type { %s } from './constants'\nexport type { %s }\n", list, list)
	}
	pkg := ""
	for _, d := range m.Decls {
		if p := d.Go.PkgPath(); p != pkg {
			pkg = p
			fmt.Fprintf(&b, "\n// %s\n", p)
		}
		b.WriteString("\n")
		writeDoc(&b, "", d.Doc)
		if d.Union != nil {
			lits := make([]string, len(d.Union))
			for i, v := range d.Union {
				lits[i] = v
			}
			fmt.Fprintf(&b, "export type %s = %s\n", d.Name, strings.Join(lits, " | "))
			continue
		}
		params := ""
		if len(d.Params) > 0 {
			ps := make([]string, len(d.Params))
			for i, p := range d.Params {
				ps[i] = p.Name + " = " + p.Default
			}
			params = "<" + strings.Join(ps, ", ") + ">"
		}
		fmt.Fprintf(&b, "export interface %s%s {\n", d.Name, params)
		for _, f := range d.Fields {
			writeDoc(&b, "  ", f.Doc)
			fmt.Fprintf(&b, "  %s%s: %s\n", f.Name, opt(f.Optional), f.TS)
		}
		b.WriteString("}\n")
	}
	return b.Bytes()
}

// ConstantsTS is the text of constants.ts.
func (m *Model) ConstantsTS() []byte {
	var b bytes.Buffer
	b.WriteString(m.cfg.Header)
	for _, c := range m.Consts {
		b.WriteString("\n")
		writeDoc(&b, "", c.Doc)
		fmt.Fprintf(&b, "export const %s = {\n", c.Name)
		for _, v := range c.Values {
			writeDoc(&b, "  ", v.Doc)
			fmt.Fprintf(&b, "  %s: %s,\n", v.Key, v.Literal)
		}
		fmt.Fprintf(&b, "} as const\nexport type %s = (typeof %s)[keyof typeof %s]\n", c.Name, c.Name, c.Name)
	}
	return b.Bytes()
}

// writeDoc writes a Go comment as a JSDoc one.
func writeDoc(b *bytes.Buffer, indent, doc string) {
	doc = strings.TrimSpace(strings.ReplaceAll(doc, "*/", "*\\/"))
	if doc == "" {
		return
	}
	lines := strings.Split(doc, "\n")
	if len(lines) == 1 {
		fmt.Fprintf(b, "%s/** %s */\n", indent, lines[0])
		return
	}
	fmt.Fprintf(b, "%s/**\n", indent)
	for _, l := range lines {
		fmt.Fprintf(b, "%s%s\n", indent, strings.TrimRight(" * "+l, " "))
	}
	fmt.Fprintf(b, "%s */\n", indent)
}

// tsString quotes a Go string as a TS literal.
func tsString(s string) string {
	q := strconv.Quote(s)
	q = strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`)
	return "'" + strings.ReplaceAll(q, "'", `\'`) + "'"
}
