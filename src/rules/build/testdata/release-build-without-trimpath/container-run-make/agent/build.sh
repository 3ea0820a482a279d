#!/bin/bash
set -e
IMAGE_REPOSITORY=${IMAGE_REPOSITORY:-example}

echo "Building the shipper in the builder image"
docker run --rm --workdir /go/src/example.com/agent -v $(pwd):/go/src/example.com/agent:rw \
  $IMAGE_REPOSITORY/agent_builder:latest bash -c "cd plugins/shipper && make"

echo "Building the agent image"
docker build --tag=$IMAGE_REPOSITORY/agent:latest -f Dockerfile .
