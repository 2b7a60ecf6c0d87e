-- Run once by the postgres image when its data volume is new: the sample target's database beside migrabot's own.
CREATE DATABASE app;
