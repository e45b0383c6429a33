// Part 3 of the nonsense check over every operation (test/http/garbage-in.ts).
import { garbageIn } from "./garbage-in";

garbageIn(2);
