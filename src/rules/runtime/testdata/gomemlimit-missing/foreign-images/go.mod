module github.com/acme/blockstore-csi

go 1.22
