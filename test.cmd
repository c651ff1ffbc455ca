@echo off
rem All tests on Windows (see README): the same as test.sh.
dotnet test ScheduleDsl.sln -c Release %*
