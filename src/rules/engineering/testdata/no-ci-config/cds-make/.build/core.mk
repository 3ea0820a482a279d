# version of the build: set by the workflow run, else a snapshot
ifdef CDS_VERSION
VERSION := $(CDS_VERSION)
else
VERSION := snapshot
endif
