#include "hidden_dangers/DangerState.hpp"

namespace riskmap::dangers {

const char* stageChinese(Stage s) {
  switch (s) {
    case Stage::NotYetFound: return "";
    case Stage::Unrectified: return "未整改";
    case Stage::Rectifying: return "整改中";
    case Stage::Rectified: return "已整改";
    case Stage::Accepted: return "已验收";
  }
  return "";
}

Stage stageOfStatus(const std::string& status) {
  if (status == "整改中") return Stage::Rectifying;
  if (status == "已整改") return Stage::Rectified;
  if (status == "已验收") return Stage::Accepted;
  return Stage::Unrectified;
}

Stage stageAt(const DangerDates& d, const std::string& day) {
  if (day.empty()) return stageOfStatus(d.status);
  // ISO dates compare as strings.
  if (d.found.empty() || d.found > day) return Stage::NotYetFound;
  if (!d.accepted.empty() && d.accepted <= day) return Stage::Accepted;
  if (!d.rectified.empty() && d.rectified <= day) return Stage::Rectified;
  if (!d.rectifyStart.empty() && d.rectifyStart <= day) return Stage::Rectifying;
  // A register saying 整改中 without a start date was rectifying from when it was found.
  if (stageOfStatus(d.status) == Stage::Rectifying && d.rectifyStart.empty()) return Stage::Rectifying;
  return Stage::Unrectified;
}

bool overdueAt(const DangerDates& d, const std::string& day) {
  return isOpen(stageAt(d, day)) && !d.deadline.empty() && d.deadline < day;
}

bool closedOnTime(const DangerDates& d) {
  return !d.rectified.empty() && (d.deadline.empty() || d.rectified <= d.deadline);
}

}  // namespace riskmap::dangers
