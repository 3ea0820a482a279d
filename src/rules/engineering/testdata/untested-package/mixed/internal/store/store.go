// Package store keeps things.
package store

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
