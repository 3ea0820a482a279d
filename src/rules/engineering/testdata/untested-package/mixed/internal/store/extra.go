package store

func G0(m map[int]string) string {
	if v, ok := m[0]; ok {
		return v
	}
	return ""
}

func G1(m map[int]string) string {
	if v, ok := m[1]; ok {
		return v
	}
	return ""
}

func G2(m map[int]string) string {
	if v, ok := m[2]; ok {
		return v
	}
	return ""
}

func G3(m map[int]string) string {
	if v, ok := m[3]; ok {
		return v
	}
	return ""
}

func G4(m map[int]string) string {
	if v, ok := m[4]; ok {
		return v
	}
	return ""
}

func G5(m map[int]string) string {
	if v, ok := m[5]; ok {
		return v
	}
	return ""
}

func G6(m map[int]string) string {
	if v, ok := m[6]; ok {
		return v
	}
	return ""
}

func G7(m map[int]string) string {
	if v, ok := m[7]; ok {
		return v
	}
	return ""
}

func G8(m map[int]string) string {
	if v, ok := m[8]; ok {
		return v
	}
	return ""
}

func G9(m map[int]string) string {
	if v, ok := m[9]; ok {
		return v
	}
	return ""
}

func G10(m map[int]string) string {
	if v, ok := m[10]; ok {
		return v
	}
	return ""
}

func G11(m map[int]string) string {
	if v, ok := m[11]; ok {
		return v
	}
	return ""
}

func G12(m map[int]string) string {
	if v, ok := m[12]; ok {
		return v
	}
	return ""
}

func G13(m map[int]string) string {
	if v, ok := m[13]; ok {
		return v
	}
	return ""
}

func G14(m map[int]string) string {
	if v, ok := m[14]; ok {
		return v
	}
	return ""
}

func G15(m map[int]string) string {
	if v, ok := m[15]; ok {
		return v
	}
	return ""
}

func G16(m map[int]string) string {
	if v, ok := m[16]; ok {
		return v
	}
	return ""
}

func G17(m map[int]string) string {
	if v, ok := m[17]; ok {
		return v
	}
	return ""
}

func G18(m map[int]string) string {
	if v, ok := m[18]; ok {
		return v
	}
	return ""
}

func G19(m map[int]string) string {
	if v, ok := m[19]; ok {
		return v
	}
	return ""
}
