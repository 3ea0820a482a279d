package ptr

import (
	"reflect"
	"syscall"
	"unsafe"
)

type header struct {
	data uintptr
	n    int
}

// ---- positives ----

func storedLocal(b []byte) *byte {
	u := uintptr(unsafe.Pointer(&b[0]))
	return (*byte)(unsafe.Pointer(u)) // want "unsafe.Pointer made from uintptr variable `u`"
}

func storedArith(b []int64) *int64 {
	u := uintptr(unsafe.Pointer(&b[0]))
	u += 8
	return (*int64)(unsafe.Pointer(u + 8)) // want "uintptr variable `u`"
}

func typedVar(p unsafe.Pointer) unsafe.Pointer {
	var addr uintptr = uintptr(p)
	return unsafe.Pointer(addr) // want "uintptr variable `addr`"
}

func param(addr uintptr) *int {
	return (*int)(unsafe.Pointer(addr)) // want "uintptr variable `addr`"
}

func reconverted(addr uintptr, off uintptr) unsafe.Pointer {
	return unsafe.Pointer(uintptr(addr) + off) // want "uintptr variable `addr`"
}

func reflectStored(v reflect.Value) unsafe.Pointer {
	a := v.UnsafeAddr()
	return unsafe.Pointer(a) // want "uintptr variable `a`"
}

func arith(p unsafe.Pointer, i int) unsafe.Pointer {
	return unsafe.Pointer(uintptr(p) + uintptr(i)*8) // want "pointer arithmetic through uintptr"
}

func arithField(h *struct{ x, y int64 }) *int64 {
	return (*int64)(unsafe.Pointer(uintptr(unsafe.Pointer(h)) + unsafe.Offsetof(h.y))) // want "use unsafe.Add"
}

// ---- negatives ----

func add(p unsafe.Pointer, i int) unsafe.Pointer {
	return unsafe.Add(p, i*8)
}

func align(p unsafe.Pointer) unsafe.Pointer {
	return unsafe.Pointer((uintptr(p) + 7) &^ 7)
}

func plain(p *int) unsafe.Pointer {
	q := unsafe.Pointer(p)
	return unsafe.Pointer(q)
}

func reflectDirect(v reflect.Value) unsafe.Pointer {
	return unsafe.Pointer(v.Pointer())
}

func mmap(fd int, n int) unsafe.Pointer {
	r0, _, _ := syscall.Syscall6(syscall.SYS_MMAP, 0, uintptr(n), 3, 1, uintptr(fd), 0)
	return unsafe.Pointer(r0)
}

func fieldUnknown(h *header) unsafe.Pointer {
	// the field type is not known without type information: not reported
	return unsafe.Pointer(h.data)
}

func toUintptr(p *int) uintptr {
	return uintptr(unsafe.Pointer(p))
}

func shadowedUintptr(p unsafe.Pointer) unsafe.Pointer {
	uintptr := func(x unsafe.Pointer) unsafe.Pointer { return x }
	return unsafe.Pointer(uintptr(p))
}

func getSecurityInfo(sd *uintptr) error { return nil }
func localFree(h syscall.Handle)         {}

func outParam() {
	sd := uintptr(0)
	if err := getSecurityInfo(&sd); err != nil {
		return
	}
	localFree(syscall.Handle(unsafe.Pointer(sd)))
}

func roundTrip(element uintptr) {
	call(uintptr(unsafe.Pointer(element)))
}

func call(a ...uintptr) {}

// a uintptr never given a value is zero: unsafe.Pointer(_zero) is nil (the syscall packages' idiom)
var _zero uintptr

func destOrNil(dest []byte) unsafe.Pointer {
	if len(dest) > 0 {
		return unsafe.Pointer(&dest[0])
	}
	return unsafe.Pointer(_zero)
}

// assigned later: an address again
var lastAddr uintptr

func remember(p unsafe.Pointer) { lastAddr = uintptr(p) }

func recall() unsafe.Pointer {
	return unsafe.Pointer(lastAddr) // want "uintptr variable `lastAddr`"
}
