package grid

import "zongzhi/backend/dict"

// Code tables. Records store code and label together so a ledger printed
// next year shows the words of the day it was written.

// Code is one entry of a code table.
type Code = dict.Code

// Levels of a grid.
var Levels = []Code{{"1", "一级网格"}, {"2", "二级网格"}}

// Types of a grid: a basic grid covers residents; a dedicated one an
// enterprise, school or industrial park.
var Types = []Code{{"1", "基础网格"}, {"2", "专属网格"}}

// Roles of grid staff ("1+1+N": police officer, legal adviser, N workers).
var Roles = []Code{
	{"01", "网格长"},
	{"02", "专职网格员"},
	{"03", "兼职网格员"},
	{"04", "网格指导员"},
	{"05", "网格警长"},
	{"06", "法律顾问"},
	{"07", "网格志愿者"},
}

// LinkObjects are what a staff member can be 包挂 to.
var LinkObjects = []Code{{"1", "住户"}, {"2", "楼栋"}, {"3", "企业"}, {"4", "商铺"}, {"9", "其他"}}

// DivisionLevels: a township (乡镇/街道) or a village/community.
var DivisionLevels = []Code{{"township", "乡镇（街道）"}, {"village", "村（社区）"}}

// Label is the label of code in table.
func Label(table []Code, code string) (string, bool) {
	for _, c := range table {
		if c.Code == code {
			return c.Label, true
		}
	}
	return "", false
}

// Codes is every code table the grid forms use.
type Codes struct {
	Levels         []Code `json:"levels"`
	Types          []Code `json:"types"`
	Roles          []Code `json:"roles"`
	LinkObjects    []Code `json:"linkObjects"`
	DivisionLevels []Code `json:"divisionLevels"`
}

// AllCodes returns the code tables.
func AllCodes() Codes {
	return Codes{Levels, Types, Roles, LinkObjects, DivisionLevels}
}
