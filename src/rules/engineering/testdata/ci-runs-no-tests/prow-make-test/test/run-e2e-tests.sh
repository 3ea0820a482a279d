#!/bin/bash
echo e2e
