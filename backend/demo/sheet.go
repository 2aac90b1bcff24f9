package demo

import (
	"bytes"
	"fmt"
	"math/rand"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// RosterSheet is a generated 网格员花名册 workbook.
type RosterSheet struct {
	Data     []byte
	DataRows int // non-empty data rows written (totals, signatures, blanks not counted)
	Bad      int // rows written wrong on purpose: each must be rejected
}

// MessyRoster writes a roster workbook the way township offices keep them:
// a merged title, a two-level header, village and grid cells merged down
// over their staff, blank lines and 小计 rows between villages, a 合计 row
// and signature lines, full-width digits, dates in four spellings, line
// breaks in cells, √ for yes, a second sheet and an instructions sheet —
// and a few rows wrong in the ways real sheets are (unknown village, short
// phone, impossible date, unknown role, a person listed twice). villages
// must exist in the store; the same seed gives the same workbook.
func MessyRoster(seed int64, villages []string, staffRows int) (RosterSheet, error) {
	g := &gen{rng: rand.New(rand.NewSource(seed)), phones: map[string]bool{}}
	f := excelize.NewFile()
	defer f.Close()
	out := RosterSheet{}
	sheets := []string{"网格员花名册", "续表"}
	if err := f.SetSheetName("Sheet1", sheets[0]); err != nil {
		return out, err
	}
	if _, err := f.NewSheet(sheets[1]); err != nil {
		return out, err
	}
	if _, err := f.NewSheet("填表说明"); err != nil {
		return out, err
	}
	f.SetCellValue("填表说明", "A1", "1. 每名网格员一行；同一网格的村、网格名称可合并单元格。")
	f.SetCellValue("填表说明", "A2", "2. 主责任人一栏填“√”。")

	half := staffRows / 2
	for si, sheet := range sheets {
		rows := half
		if si == 1 {
			rows = staffRows - half
		}
		w := &sheetWriter{f: f, sheet: sheet, g: g}
		w.header(si == 0)
		// Villages are split between the sheets, as when two clerks keep one roster.
		vs := villages[si*len(villages)/2 : (si+1)*len(villages)/2]
		if si == 1 && len(villages) == 1 {
			vs = villages
		}
		written := 0
		for vi := 0; written < rows; vi++ {
			v := vs[vi%len(vs)] // past one pass: further grids of the same villages
			villageStart := w.row
			for gi := 0; gi < 4 && written < rows; gi++ {
				n := min(rows-written, 1+g.rng.Intn(4))
				w.grid(v, fmt.Sprintf("%s第%d网格", strings.TrimSuffix(strings.TrimSuffix(v, "村"), "社区"), vi/len(vs)*4+gi+1), n, true, &out)
				written += n
			}
			w.merge("B", villageStart, w.row-1)
			if g.rng.Intn(3) == 0 {
				w.set(w.row, "A", "小计")
				w.set(w.row, "E", fmt.Sprintf("%d人", w.row-villageStart))
				w.row++
			}
			if g.rng.Intn(3) == 0 {
				w.row++ // a blank line
			}
		}
		if si == 0 {
			// A village the township does not have: every row of it is refused.
			n, from := 2, w.row
			w.grid("团结村", "团结第1网格", n, false, &out)
			w.merge("B", from, w.row-1)
			out.Bad += n
			w.row++
		}
		w.set(w.row, "A", "合计")
		w.set(w.row, "E", fmt.Sprintf("%d人", written))
		w.row += 2
		w.set(w.row, "A", "填表人：")
		w.set(w.row, "D", "审核人：")
		w.set(w.row, "G", "填报日期：2024年1月10日")
		if err := w.flush(); err != nil {
			return out, err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return out, err
	}
	out.Data = buf.Bytes()
	return out, nil
}

type sheetWriter struct {
	f     *excelize.File
	sheet string
	g     *gen
	row   int
	seq   int

	lastPerson, lastPhone string
	merges                [][2]string
}

func (w *sheetWriter) set(row int, col string, v any) {
	w.f.SetCellValue(w.sheet, fmt.Sprintf("%s%d", col, row), v)
}

// merge notes a merged range; flush applies them all once the values are
// in (excelize rescans every merged range on each later cell write).
func (w *sheetWriter) merge(col string, from, to int) {
	if to > from {
		w.merges = append(w.merges, [2]string{fmt.Sprintf("%s%d", col, from), fmt.Sprintf("%s%d", col, to)})
	}
}

func (w *sheetWriter) flush() error {
	for _, m := range w.merges {
		if err := w.f.MergeCell(w.sheet, m[0], m[1]); err != nil {
			return err
		}
	}
	w.merges = nil
	return nil
}

func (w *sheetWriter) header(first bool) {
	title := "勐简乡2024年网格化服务管理网格员花名册"
	if !first {
		title = "勐简乡2024年网格员花名册（续）"
	}
	w.set(1, "A", title)
	w.merges = append(w.merges, [2]string{"A1", "J1"})
	w.set(2, "A", "填报单位：勐简乡综治中心（盖章）")
	for col, h := range map[string]string{"A": "序号", "B": "村（社区）", "C": "网格名称", "D": "户数", "E": "网格员", "H": "工作单位", "I": "是否主责任人", "J": "任职时间", "K": "备注"} {
		w.set(3, col, h)
	}
	for col, h := range map[string]string{"E": "姓名", "F": "岗位", "G": "联系电话"} {
		w.set(4, col, h)
	}
	for _, c := range []string{"A", "B", "C", "D", "H", "I", "J", "K"} {
		w.merge(c, 3, 4)
	}
	w.merges = append(w.merges, [2]string{"E3", "G3"})
	w.row = 5
}

var fullWidth = strings.NewReplacer("0", "０", "1", "１", "2", "２", "3", "３", "4", "４", "5", "５", "6", "６", "7", "７", "8", "８", "9", "９")

// grid writes n staff rows of one grid, the first its 网格长.
func (w *sheetWriter) grid(village, name string, n int, inject bool, out *RosterSheet) {
	g := w.g
	start := w.row
	w.set(w.row, "C", name)
	w.set(w.row, "D", 80+g.rng.Intn(400))
	for i := 0; i < n; i++ {
		w.seq++
		r := w.row
		w.set(r, "A", w.seq)
		if i == 0 || w.row == start {
			w.set(r, "B", village)
		}
		role := "专职网格员"
		if i == 0 {
			role = "网格长"
			w.set(r, "I", "√")
		} else if g.rng.Intn(3) == 0 {
			role = g.pick([]string{"兼职网格员", "网格指导员", "社区民警", "法律顾问", "志愿者"})
		}
		person, phone := g.person(), g.phone()
		shown := phone
		if g.rng.Intn(10) == 0 {
			shown = fullWidth.Replace(phone)
		}
		w.set(r, "E", person)
		w.set(r, "F", role)
		w.set(r, "G", shown)
		w.set(r, "H", g.pick(units))
		switch g.rng.Intn(4) {
		case 0:
			w.set(r, "J", 45292+g.rng.Intn(300)) // a date serial in 2024
		case 1:
			w.set(r, "J", fmt.Sprintf("2024.%d.%d", 1+g.rng.Intn(9), 1+g.rng.Intn(28)))
		case 2:
			w.set(r, "J", fmt.Sprintf("2024年%d月%d日", 1+g.rng.Intn(9), 1+g.rng.Intn(28)))
		default:
			w.set(r, "J", fmt.Sprintf("%d月%d日", 1+g.rng.Intn(9), 1+g.rng.Intn(28)))
		}
		if g.rng.Intn(12) == 0 {
			w.set(r, "K", "兼任村民小组长\n负责"+g.pick(groupNames))
		}
		// Now and then a row goes wrong the way real sheets do.
		if inject && g.rng.Intn(25) == 0 && i > 0 {
			out.Bad++
			switch g.rng.Intn(5) {
			case 0:
				w.set(r, "G", phone[:10])
			case 4:
				w.set(r, "E", w.lastPerson) // listed twice
				w.set(r, "G", w.lastPhone)
			case 1:
				w.set(r, "J", "2024.2.30")
			case 2:
				w.set(r, "F", "队长")
			default:
				w.set(r, "I", "也许")
			}
		}
		w.lastPerson, w.lastPhone = person, phone
		out.DataRows++
		w.row++
	}
	w.merge("C", start, w.row-1)
	w.merge("D", start, w.row-1)
}

// PlaceRef names a grid as a sheet would: its village and its name.
type PlaceRef struct{ Village, Grid string }

// MessyPeople writes a 特殊人群花名册 workbook as offices keep it: a merged
// title, village cells merged down, two sheets where some people appear
// on both (another category: one person, two enrollments), and rows wrong
// the ways real ones are — an ID number Excel stored as a number (digits
// lost), a wrong check digit, a person listed twice in one category, an
// unknown category, a 包保责任人 not in the grid staff. grids and staff must
// exist; the same seed gives the same workbook.
func MessyPeople(seed int64, grids []PlaceRef, staff []string, rows int) (RosterSheet, error) {
	g := &gen{rng: rand.New(rand.NewSource(seed)), phones: map[string]bool{}, ids: map[string]bool{}}
	f := excelize.NewFile()
	defer f.Close()
	out := RosterSheet{}
	sheets := []string{"特殊人群花名册", "补充登记"}
	f.SetSheetName("Sheet1", sheets[0])
	f.NewSheet(sheets[1])
	cats := []string{"刑满释放人员", "社区矫正人员", "严重精神障碍患者", "吸毒人员", "重点青少年", "信访人员"}
	var earlier []struct{ id, name, cat string }
	for si, sheet := range sheets {
		w := &sheetWriter{f: f, sheet: sheet, g: g}
		w.set(1, "A", "勐简乡2024年特殊人群花名册")
		w.merges = append(w.merges, [2]string{"A1", "N1"})
		for i, h := range []string{"序号", "姓名", "性别", "身份证号码", "民族", "联系电话", "村（社区）", "所属网格", "人员类别", "关注程度", "危险性评估", "包保责任人", "列管日期", "备注"} {
			w.set(2, string(rune('A'+i)), h)
		}
		w.row = 3
		n := rows * 3 / 4
		if si == 1 {
			n = rows - n
		}
		for k := 0; k < n; k++ {
			r := w.row
			place := grids[g.rng.Intn(len(grids))]
			name := g.person()
			birth := time.Date(1950+g.rng.Intn(50), time.Month(1+g.rng.Intn(12)), 1+g.rng.Intn(28), 0, 0, 0, 0, time.UTC)
			id := g.idNumber(birth)
			cat := cats[g.rng.Intn(len(cats))]
			if si == 1 && len(earlier) > 0 && g.rng.Intn(3) == 0 { // on the first sheet too, in another category
				prev := earlier[g.rng.Intn(len(earlier))]
				id, name = prev.id, prev.name
				for cat == prev.cat {
					cat = cats[g.rng.Intn(len(cats))]
				}
			}
			level := ""
			switch cat {
			case "严重精神障碍患者":
				level = fmt.Sprintf("%d级", g.rng.Intn(6))
			case "刑满释放人员":
				level = []string{"重点帮教", "一般帮教"}[g.rng.Intn(2)]
			}
			values := []any{w.seq + 1, name, map[bool]string{true: "男", false: "女"}[(id[16]-'0')%2 == 1], id, "汉族", g.phone(),
				place.Village, place.Grid, cat, []string{"高", "中", "低"}[g.rng.Intn(3)], level, staff[g.rng.Intn(len(staff))],
				fmt.Sprintf("2023.%d.%d", 1+g.rng.Intn(12), 1+g.rng.Intn(28)), ""}
			if g.rng.Intn(15) == 0 {
				out.Bad++
				switch g.rng.Intn(5) {
				case 0: // stored as a number: Excel keeps 15 digits
					v, _ := strconv.ParseFloat(id[:15]+"000", 64)
					values[3] = v
				case 1:
					values[3] = id[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", id[17])+1)%11])
				case 2:
					values[8] = "其他人员类别"
				case 3:
					values[11] = "查无此人"
				default: // listed twice, same category
					if len(earlier) > 0 && si == 0 {
						prev := earlier[len(earlier)-1]
						values[1], values[3], values[8] = prev.name, prev.id, prev.cat
					} else {
						values[8] = "其他人员类别"
					}
				}
			} else if si == 0 {
				earlier = append(earlier, struct{ id, name, cat string }{id, name, cat})
			}
			for i, v := range values {
				w.set(r, string(rune('A'+i)), v)
			}
			w.seq++
			out.DataRows++
			w.row++
		}
		w.set(w.row, "A", "合计")
		w.set(w.row+2, "A", "填表人：")
		if err := w.flush(); err != nil {
			return out, err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return out, err
	}
	out.Data = buf.Bytes()
	return out, nil
}
