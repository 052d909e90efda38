#pragma once
// Where a hidden danger (隐患) stands in its closed loop on a given day:
// found -> rectifying -> rectified -> accepted (未整改 / 整改中 / 已整改 /
// 已验收), read from its dated steps, and whether it is open or overdue.
#include <string>

namespace riskmap::dangers {

inline constexpr const char* kMajor = "重大";
inline constexpr const char* kGeneral = "一般";

enum class Stage { NotYetFound, Unrectified, Rectifying, Rectified, Accepted };

const char* stageChinese(Stage s);  // 未整改, 整改中, 已整改, 已验收; "" before it was found

struct DangerDates {
  std::string found, deadline, rectifyStart, rectified, accepted;  // ISO dates; empty: none
  std::string status;                                                // the register's status column
};

// The status column's stage (UserError-free: an unknown one reads as Unrectified).
Stage stageOfStatus(const std::string& status);

// The stage at the end of day `isoDate` from the dated steps; with an
// empty date, the register's status column (its state as recorded).
Stage stageAt(const DangerDates& d, const std::string& isoDate);

inline bool isOpen(Stage s) { return s == Stage::Unrectified || s == Stage::Rectifying; }
inline bool isClosed(Stage s) { return s == Stage::Rectified || s == Stage::Accepted; }

// Open at the end of `isoDate` with its deadline already past (deadline < isoDate).
bool overdueAt(const DangerDates& d, const std::string& isoDate);

// Rectified no later than its deadline (a danger without a deadline: never late).
bool closedOnTime(const DangerDates& d);

}  // namespace riskmap::dangers
