package small

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
