#!/bin/sh
# builds the code generator image and runs it over the tree
docker build -t protos-builder .
docker run --rm -v "$PWD/..:/build" protos-builder
