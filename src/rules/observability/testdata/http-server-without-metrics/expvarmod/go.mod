module example.com/expvarmod

go 1.22
