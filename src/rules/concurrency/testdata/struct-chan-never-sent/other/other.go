package other

// Another package with a field of the same name: its send does not count for package pos, and the reverse.
type Other struct{ stop chan struct{} }

func (o *Other) Stop() { close(o.stop) }

func (o *Other) wait() { <-o.stop }
