package grid

import "zongzhi/backend/dict"

// Code tables. Records store code and label together so a ledger printed
// next year shows the words of the day it was written.

// Code is one entry of a code table.
type Code = dict.Code

// Levels of a grid.
var Levels = []Code{{Code: "1", Label: "一级网格"}, {Code: "2", Label: "二级网格"}}

// Types of a grid: a basic grid covers residents; a dedicated one an
// enterprise, school or industrial park.
var Types = []Code{{Code: "1", Label: "基础网格"}, {Code: "2", Label: "专属网格"}}

// Roles of grid staff ("1+1+N": police officer, legal adviser, N workers).
var Roles = []Code{
	{Code: "01", Label: "网格长"},
	{Code: "02", Label: "专职网格员"},
	{Code: "03", Label: "兼职网格员"},
	{Code: "04", Label: "网格指导员"},
	{Code: "05", Label: "网格警长"},
	{Code: "06", Label: "法律顾问"},
	{Code: "07", Label: "网格志愿者"},
}

// LinkObjects are what a staff member can be 包挂 to.
var LinkObjects = []Code{{Code: "1", Label: "住户"}, {Code: "2", Label: "楼栋"}, {Code: "3", Label: "企业"}, {Code: "4", Label: "商铺"}, {Code: "9", Label: "其他"}}

// DivisionLevels: a township (乡镇/街道) or a village/community.
var DivisionLevels = []Code{{Code: "township", Label: "乡镇（街道）"}, {Code: "village", Label: "村（社区）"}}

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
