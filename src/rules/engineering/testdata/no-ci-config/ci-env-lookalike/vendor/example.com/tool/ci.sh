#!/bin/sh
echo "building PR ${PULL_NUMBER} on ${JENKINS_URL}"
