#pragma once
// Test hooks (docs/postgis.md): with the environment variable `variable`
// set to FILE, a run writes FILE (saying `where`) when it reaches the hook
// and waits until FILE is removed (a minute at most), so a test can run
// another command against the state it holds, or kill it there. Hooks:
// RISKMAP_HOLD_BEFORE_COMMIT (a county import's or a county assess's rows
// written, not committed) and RISKMAP_HOLD_WHILE_COMPUTING (`assess
// --county` with its read snapshot taken, before it reads anything).
namespace riskmap {

void holdForTests(const char* variable, const char* where);

}  // namespace riskmap
