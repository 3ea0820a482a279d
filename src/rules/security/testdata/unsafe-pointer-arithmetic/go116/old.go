package old

import "unsafe"

// Before Go 1.17 there is no unsafe.Add: the single-expression form is the only way.
func arith(p unsafe.Pointer, i int) unsafe.Pointer {
	return unsafe.Pointer(uintptr(p) + uintptr(i))
}

func stored(p unsafe.Pointer) unsafe.Pointer {
	u := uintptr(p)
	return unsafe.Pointer(u) // want "uintptr variable `u`"
}
