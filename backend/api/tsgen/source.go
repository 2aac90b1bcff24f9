package tsgen

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Source reads our own Go packages' source for what reflection cannot
// see: doc comments and constants. Packages outside the module have none.
type Source struct {
	Root   string // the module's directory
	Module string // its path, e.g. "zongzhi"
	pkgs   map[string][]*ast.File
}

// NewSource finds the module that contains dir (a go.mod above it).
func NewSource(dir string) (*Source, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil {
			for _, l := range strings.Split(string(b), "\n") {
				if m, ok := strings.CutPrefix(strings.TrimSpace(l), "module "); ok {
					return &Source{Root: d, Module: strings.TrimSpace(m)}, nil
				}
			}
			return nil, fmt.Errorf("tsgen: %s/go.mod names no module", d)
		}
		if filepath.Dir(d) == d {
			return nil, fmt.Errorf("tsgen: no go.mod above %s", dir)
		}
	}
}

// files parses a package's non-test files, in name order.
func (s *Source) files(pkg string) []*ast.File {
	if s == nil {
		return nil
	}
	if f, ok := s.pkgs[pkg]; ok {
		return f
	}
	if s.pkgs == nil {
		s.pkgs = map[string][]*ast.File{}
	}
	rel, ok := strings.CutPrefix(pkg, s.Module+"/")
	if !ok {
		s.pkgs[pkg] = nil
		return nil
	}
	dir := filepath.Join(s.Root, filepath.FromSlash(rel))
	entries, _ := os.ReadDir(dir)
	var out []*ast.File
	fset := token.NewFileSet()
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, parser.ParseComments)
		if err == nil {
			out = append(out, f)
		}
	}
	s.pkgs[pkg] = out
	return out
}

// typeSpec finds a type's declaration and its doc comment.
func (s *Source) typeSpec(t reflect.Type) (*ast.TypeSpec, string) {
	for _, f := range s.files(t.PkgPath()) {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			for _, sp := range g.Specs {
				ts := sp.(*ast.TypeSpec)
				if ts.Name.Name != t.Name() {
					continue
				}
				doc := ts.Doc
				if doc == nil && len(g.Specs) == 1 {
					doc = g.Doc
				}
				return ts, doc.Text()
			}
		}
	}
	return nil, ""
}

func (s *Source) typeDoc(t reflect.Type) string {
	_, doc := s.typeSpec(t)
	return doc
}

// fieldDoc is the comment on a struct field (above it or beside it).
func (s *Source) fieldDoc(t reflect.Type, name string) string {
	if t.Name() == "" {
		return ""
	}
	ts, _ := s.typeSpec(t)
	if ts == nil {
		return ""
	}
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return ""
	}
	for _, f := range st.Fields.List {
		names := []string{}
		for _, n := range f.Names {
			names = append(names, n.Name)
		}
		if len(names) == 0 { // embedded: named after its type
			e := f.Type
			if st, ok := e.(*ast.StarExpr); ok {
				e = st.X
			}
			if sel, ok := e.(*ast.SelectorExpr); ok {
				e = sel.Sel
			}
			if id, ok := e.(*ast.Ident); ok {
				names = append(names, id.Name)
			}
		}
		for _, n := range names {
			if n != name {
				continue
			}
			if f.Doc != nil {
				return f.Doc.Text()
			}
			return f.Comment.Text()
		}
	}
	return ""
}

// constSpec is one constant as written.
type constSpec struct {
	name, typ, literal, doc string
	block                   string // the const block's doc
}

// constants lists a package's constants with a literal value, in source
// order; typ is the declared type's name ("" when untyped).
func (s *Source) constants(pkg string) []constSpec {
	var out []constSpec
	for _, f := range s.files(pkg) {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, sp := range g.Specs {
				vs := sp.(*ast.ValueSpec)
				typ := ""
				if id, ok := vs.Type.(*ast.Ident); ok {
					typ = id.Name
				}
				for i, n := range vs.Names {
					if i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok {
						continue
					}
					var v string
					switch lit.Kind {
					case token.STRING:
						u, err := strconv.Unquote(lit.Value)
						if err != nil {
							continue
						}
						v = tsString(u)
					case token.INT, token.FLOAT:
						v = lit.Value
					default:
						continue
					}
					doc := vs.Comment
					if doc == nil {
						doc = vs.Doc
					}
					out = append(out, constSpec{name: n.Name, typ: typ, literal: v, doc: doc.Text(), block: g.Doc.Text()})
				}
			}
		}
	}
	return out
}

// typedConsts are the literals of the constants declared with type t.
func (s *Source) typedConsts(t reflect.Type) ([]string, error) {
	var out []string
	for _, c := range s.constants(t.PkgPath()) {
		if c.typ == t.Name() {
			out = append(out, c.literal)
		}
	}
	return out, nil
}

// ConstGroup is a family of Go constants generated as one TS object, e.g.
// ledger's Status* as LedgerStatus = { New: '1', … }.
type ConstGroup struct {
	Name   string // the TS const (and union type) name
	Pkg    string // the Go import path
	Prefix string // the Go names' common prefix; the rest is the key
}

// Const is a generated TS constant object.
type Const struct {
	Name   string
	Doc    string
	Values []ConstValue
}

// ConstValue is one key of a Const.
type ConstValue struct {
	Key, Literal, Doc string
}

func (s *Source) consts(g ConstGroup) (*Const, error) {
	c := &Const{Name: g.Name}
	short := g.Pkg[strings.LastIndex(g.Pkg, "/")+1:]
	for _, k := range s.constants(g.Pkg) {
		rest, ok := strings.CutPrefix(k.name, g.Prefix)
		if r, _ := utf8.DecodeRuneInString(rest); !ok || !unicode.IsUpper(r) {
			continue
		}
		if c.Doc == "" {
			c.Doc = strings.TrimSpace(k.block + "\n" + fmt.Sprintf("Go: %s.%s*", short, g.Prefix))
		}
		c.Values = append(c.Values, ConstValue{Key: rest, Literal: k.literal, Doc: k.doc})
	}
	if len(c.Values) == 0 {
		return nil, fmt.Errorf("tsgen: no constants %s.%s* for %s", g.Pkg, g.Prefix, g.Name)
	}
	seen := map[string]bool{}
	for _, v := range c.Values {
		if seen[v.Key] {
			return nil, fmt.Errorf("tsgen: %s.%s%s declared twice", g.Pkg, g.Prefix, v.Key)
		}
		seen[v.Key] = true
	}
	return c, nil
}

// sortedKeys is a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
