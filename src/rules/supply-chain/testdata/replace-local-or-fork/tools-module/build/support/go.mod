module example.com/app/build/support

go 1.22

require (
	github.com/upstream/docgen v1.4.1
	github.com/upstream/lint v1.50.0
)

require github.com/upstream/ast v0.2.0 // indirect

replace github.com/upstream/docgen => github.com/someone/docgen v1.4.2

replace github.com/upstream/ast => github.com/someone/ast v0.2.1
