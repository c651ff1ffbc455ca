@echo off
rem The main job on Windows (see README): the same as run.sh.
dotnet run --project samples\ScheduleDsl.Samples.Training -c Release -- %*
