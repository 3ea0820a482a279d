module example.com/ranged

go 1.20

retract [v0.4.0, v0.5.9] // wrong module path in these releases
