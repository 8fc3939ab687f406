#!/bin/sh
# Prints the flags of every release build of relgraph (the Makefile and the
# scripts that build the release binary all use these, so they share one build).
#
# The Swift runtime and Foundation are linked statically: start-up then costs
# shorter than with a dynamic runtime (docs/benchmarks.md). FlyingFox
# (behind `relgraph serve`) brings in FoundationNetworking, whose static library
# links libcurl: scripts/ensure-deps.sh installs libcurl4-openssl-dev for it.
echo "-c release --static-swift-stdlib"
