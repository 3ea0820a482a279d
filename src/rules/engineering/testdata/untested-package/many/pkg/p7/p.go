package p7

func F0(m map[int]string) string {
	if v, ok := m[0]; ok {
		return v
	}
	return ""
}

func F1(m map[int]string) string {
	if v, ok := m[1]; ok {
		return v
	}
	return ""
}

func F2(m map[int]string) string {
	if v, ok := m[2]; ok {
		return v
	}
	return ""
}

func F3(m map[int]string) string {
	if v, ok := m[3]; ok {
		return v
	}
	return ""
}

func F4(m map[int]string) string {
	if v, ok := m[4]; ok {
		return v
	}
	return ""
}

func F5(m map[int]string) string {
	if v, ok := m[5]; ok {
		return v
	}
	return ""
}

func F6(m map[int]string) string {
	if v, ok := m[6]; ok {
		return v
	}
	return ""
}

func F7(m map[int]string) string {
	if v, ok := m[7]; ok {
		return v
	}
	return ""
}

func F8(m map[int]string) string {
	if v, ok := m[8]; ok {
		return v
	}
	return ""
}

func F9(m map[int]string) string {
	if v, ok := m[9]; ok {
		return v
	}
	return ""
}

func F10(m map[int]string) string {
	if v, ok := m[10]; ok {
		return v
	}
	return ""
}

func F11(m map[int]string) string {
	if v, ok := m[11]; ok {
		return v
	}
	return ""
}

func F12(m map[int]string) string {
	if v, ok := m[12]; ok {
		return v
	}
	return ""
}

func F13(m map[int]string) string {
	if v, ok := m[13]; ok {
		return v
	}
	return ""
}

func F14(m map[int]string) string {
	if v, ok := m[14]; ok {
		return v
	}
	return ""
}

func F15(m map[int]string) string {
	if v, ok := m[15]; ok {
		return v
	}
	return ""
}

func F16(m map[int]string) string {
	if v, ok := m[16]; ok {
		return v
	}
	return ""
}

func F17(m map[int]string) string {
	if v, ok := m[17]; ok {
		return v
	}
	return ""
}

func F18(m map[int]string) string {
	if v, ok := m[18]; ok {
		return v
	}
	return ""
}

func F19(m map[int]string) string {
	if v, ok := m[19]; ok {
		return v
	}
	return ""
}

func F20(m map[int]string) string {
	if v, ok := m[20]; ok {
		return v
	}
	return ""
}

func F21(m map[int]string) string {
	if v, ok := m[21]; ok {
		return v
	}
	return ""
}

func F22(m map[int]string) string {
	if v, ok := m[22]; ok {
		return v
	}
	return ""
}

func F23(m map[int]string) string {
	if v, ok := m[23]; ok {
		return v
	}
	return ""
}

func F24(m map[int]string) string {
	if v, ok := m[24]; ok {
		return v
	}
	return ""
}

func F25(m map[int]string) string {
	if v, ok := m[25]; ok {
		return v
	}
	return ""
}

func F26(m map[int]string) string {
	if v, ok := m[26]; ok {
		return v
	}
	return ""
}

func F27(m map[int]string) string {
	if v, ok := m[27]; ok {
		return v
	}
	return ""
}

func F28(m map[int]string) string {
	if v, ok := m[28]; ok {
		return v
	}
	return ""
}

func F29(m map[int]string) string {
	if v, ok := m[29]; ok {
		return v
	}
	return ""
}

func F30(m map[int]string) string {
	if v, ok := m[30]; ok {
		return v
	}
	return ""
}

func F31(m map[int]string) string {
	if v, ok := m[31]; ok {
		return v
	}
	return ""
}

func F32(m map[int]string) string {
	if v, ok := m[32]; ok {
		return v
	}
	return ""
}

func F33(m map[int]string) string {
	if v, ok := m[33]; ok {
		return v
	}
	return ""
}

func F34(m map[int]string) string {
	if v, ok := m[34]; ok {
		return v
	}
	return ""
}

func F35(m map[int]string) string {
	if v, ok := m[35]; ok {
		return v
	}
	return ""
}

func F36(m map[int]string) string {
	if v, ok := m[36]; ok {
		return v
	}
	return ""
}

func F37(m map[int]string) string {
	if v, ok := m[37]; ok {
		return v
	}
	return ""
}

func F38(m map[int]string) string {
	if v, ok := m[38]; ok {
		return v
	}
	return ""
}

func F39(m map[int]string) string {
	if v, ok := m[39]; ok {
		return v
	}
	return ""
}

func F40(m map[int]string) string {
	if v, ok := m[40]; ok {
		return v
	}
	return ""
}

func F41(m map[int]string) string {
	if v, ok := m[41]; ok {
		return v
	}
	return ""
}

func F42(m map[int]string) string {
	if v, ok := m[42]; ok {
		return v
	}
	return ""
}

func F43(m map[int]string) string {
	if v, ok := m[43]; ok {
		return v
	}
	return ""
}

func F44(m map[int]string) string {
	if v, ok := m[44]; ok {
		return v
	}
	return ""
}

func F45(m map[int]string) string {
	if v, ok := m[45]; ok {
		return v
	}
	return ""
}

func F46(m map[int]string) string {
	if v, ok := m[46]; ok {
		return v
	}
	return ""
}

func F47(m map[int]string) string {
	if v, ok := m[47]; ok {
		return v
	}
	return ""
}

func F48(m map[int]string) string {
	if v, ok := m[48]; ok {
		return v
	}
	return ""
}

func F49(m map[int]string) string {
	if v, ok := m[49]; ok {
		return v
	}
	return ""
}

func F50(m map[int]string) string {
	if v, ok := m[50]; ok {
		return v
	}
	return ""
}

func F51(m map[int]string) string {
	if v, ok := m[51]; ok {
		return v
	}
	return ""
}

func F52(m map[int]string) string {
	if v, ok := m[52]; ok {
		return v
	}
	return ""
}

func F53(m map[int]string) string {
	if v, ok := m[53]; ok {
		return v
	}
	return ""
}

func F54(m map[int]string) string {
	if v, ok := m[54]; ok {
		return v
	}
	return ""
}

func F55(m map[int]string) string {
	if v, ok := m[55]; ok {
		return v
	}
	return ""
}

func F56(m map[int]string) string {
	if v, ok := m[56]; ok {
		return v
	}
	return ""
}
