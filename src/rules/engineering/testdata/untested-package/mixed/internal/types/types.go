package types

type T0 struct {
	A int
	B string
	C []byte
}

type T1 struct {
	A int
	B string
	C []byte
}

type T2 struct {
	A int
	B string
	C []byte
}

type T3 struct {
	A int
	B string
	C []byte
}

type T4 struct {
	A int
	B string
	C []byte
}

type T5 struct {
	A int
	B string
	C []byte
}

type T6 struct {
	A int
	B string
	C []byte
}

type T7 struct {
	A int
	B string
	C []byte
}

type T8 struct {
	A int
	B string
	C []byte
}

type T9 struct {
	A int
	B string
	C []byte
}

type T10 struct {
	A int
	B string
	C []byte
}

type T11 struct {
	A int
	B string
	C []byte
}

type T12 struct {
	A int
	B string
	C []byte
}

type T13 struct {
	A int
	B string
	C []byte
}

type T14 struct {
	A int
	B string
	C []byte
}

type T15 struct {
	A int
	B string
	C []byte
}

type T16 struct {
	A int
	B string
	C []byte
}

type T17 struct {
	A int
	B string
	C []byte
}

type T18 struct {
	A int
	B string
	C []byte
}

type T19 struct {
	A int
	B string
	C []byte
}

type T20 struct {
	A int
	B string
	C []byte
}

type T21 struct {
	A int
	B string
	C []byte
}

type T22 struct {
	A int
	B string
	C []byte
}

type T23 struct {
	A int
	B string
	C []byte
}

type T24 struct {
	A int
	B string
	C []byte
}

type T25 struct {
	A int
	B string
	C []byte
}

type T26 struct {
	A int
	B string
	C []byte
}

type T27 struct {
	A int
	B string
	C []byte
}

type T28 struct {
	A int
	B string
	C []byte
}

type T29 struct {
	A int
	B string
	C []byte
}

type T30 struct {
	A int
	B string
	C []byte
}

type T31 struct {
	A int
	B string
	C []byte
}

type T32 struct {
	A int
	B string
	C []byte
}

type T33 struct {
	A int
	B string
	C []byte
}

type T34 struct {
	A int
	B string
	C []byte
}

type T35 struct {
	A int
	B string
	C []byte
}

type T36 struct {
	A int
	B string
	C []byte
}

type T37 struct {
	A int
	B string
	C []byte
}

type T38 struct {
	A int
	B string
	C []byte
}

type T39 struct {
	A int
	B string
	C []byte
}

type T40 struct {
	A int
	B string
	C []byte
}

type T41 struct {
	A int
	B string
	C []byte
}

type T42 struct {
	A int
	B string
	C []byte
}

type T43 struct {
	A int
	B string
	C []byte
}

type T44 struct {
	A int
	B string
	C []byte
}

type T45 struct {
	A int
	B string
	C []byte
}

type T46 struct {
	A int
	B string
	C []byte
}

type T47 struct {
	A int
	B string
	C []byte
}

type T48 struct {
	A int
	B string
	C []byte
}

type T49 struct {
	A int
	B string
	C []byte
}

type T50 struct {
	A int
	B string
	C []byte
}

type T51 struct {
	A int
	B string
	C []byte
}

type T52 struct {
	A int
	B string
	C []byte
}

type T53 struct {
	A int
	B string
	C []byte
}

type T54 struct {
	A int
	B string
	C []byte
}

type T55 struct {
	A int
	B string
	C []byte
}

type T56 struct {
	A int
	B string
	C []byte
}

type T57 struct {
	A int
	B string
	C []byte
}

type T58 struct {
	A int
	B string
	C []byte
}

type T59 struct {
	A int
	B string
	C []byte
}

type T60 struct {
	A int
	B string
	C []byte
}

type T61 struct {
	A int
	B string
	C []byte
}

type T62 struct {
	A int
	B string
	C []byte
}

type T63 struct {
	A int
	B string
	C []byte
}

type T64 struct {
	A int
	B string
	C []byte
}

type T65 struct {
	A int
	B string
	C []byte
}

type T66 struct {
	A int
	B string
	C []byte
}

type T67 struct {
	A int
	B string
	C []byte
}

type T68 struct {
	A int
	B string
	C []byte
}

type T69 struct {
	A int
	B string
	C []byte
}

type T70 struct {
	A int
	B string
	C []byte
}

type T71 struct {
	A int
	B string
	C []byte
}

type T72 struct {
	A int
	B string
	C []byte
}

type T73 struct {
	A int
	B string
	C []byte
}

type T74 struct {
	A int
	B string
	C []byte
}

type T75 struct {
	A int
	B string
	C []byte
}

type T76 struct {
	A int
	B string
	C []byte
}

type T77 struct {
	A int
	B string
	C []byte
}

type T78 struct {
	A int
	B string
	C []byte
}

type T79 struct {
	A int
	B string
	C []byte
}

