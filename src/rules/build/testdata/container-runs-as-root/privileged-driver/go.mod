module example.com/nodeplugin

go 1.24
