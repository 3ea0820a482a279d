# how to build behind a broken proxy (documentation only)
export GOSUMDB=off
