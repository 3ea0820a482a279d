#!/usr/bin/env bash
export TEST_CMD="go tool gotestsum -- -count=1 $* ./..."
go tool test-runner run
