// newer than any release goready knows: never reported (a fixture that stays valid as time passes)
module example.com/current

go 1.99

toolchain go1.99.2
