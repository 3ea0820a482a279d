#!/bin/sh
echo "pr ${PULL_NUMBER}"
