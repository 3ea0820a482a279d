package limited

import (
	"encoding/json"
	"net/http"
)

type item struct{ Name string }

// the limit is applied in another file's middleware: the module counts as limited
func Decode(w http.ResponseWriter, r *http.Request) {
	var it item
	_ = json.NewDecoder(r.Body).Decode(&it)
}
