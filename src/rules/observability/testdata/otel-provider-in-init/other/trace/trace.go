package trace

func NewTracerProvider() int { return 0 }
