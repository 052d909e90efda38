#include <cstdio>

#include "Commands.hpp"
#include "enterprise/GradeMapTable.hpp"
#include "riskmap/core/Error.hpp"
#include "riskmap/project/Project.hpp"
#include "riskmap/regional/Explain.hpp"

namespace riskmap::cli {

namespace {

// The answer as the offices read it: the grade, the rule and each zone's reason in Chinese.
void printChinese(double lon, double lat, const nlohmann::json& e, const nlohmann::json& site) {
  if (!site.is_null())
    std::printf("企业 %s %s：%s（%s）；重大风险点：%s\n", site["plant_id"].get<std::string>().c_str(),
                site["name"].get<std::string>().c_str(), site["grade_zh"].get<std::string>().c_str(),
                site["rule_zh"].get<std::string>().c_str(), site["major_points"].get<std::string>().c_str());
  if (e["grade"].is_null()) {
    std::printf("%.6f,%.6f：%s\n", lon, lat, e["why_zh"].get<std::string>().c_str());
    return;
  }
  std::printf("%.6f,%.6f：%s\n%s\n", lon, lat, e["grade_zh"].get<std::string>().c_str(),
              e["rule_zh"].get<std::string>().c_str());
  if (e["zones"].empty()) std::printf("无风险源影响范围覆盖此处\n");
  for (const auto& z : e["zones"]) {
    std::printf("%s %s；区内人口约 %.0f 人（%.0f 人/km²）\n", z["decides"].get<bool>() ? "*" : " ",
                z["reason_zh"].get<std::string>().c_str(), z["people_in_zone"].get<double>(),
                z["density_per_km2"].get<double>());
    if (z.contains("standard")) std::printf("    %s：%s\n", z["standard_zh"].get<std::string>().c_str(),
                                            z["source_rule_zh"].get<std::string>().c_str());
    if (z.contains("incomplete_zh")) std::printf("    ! 数据不完整：%s\n", z["incomplete_zh"].get<std::string>().c_str());
  }
}

}  // namespace

Run addExplainCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("explain", "Why a place has its four-colour grade: zones, sources, rules, people");
  auto project = std::make_shared<std::string>();
  auto at = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("PROJECT", *project, "Project file (TOML)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--at", *at, "LON,LAT in CGCS2000 (EPSG:4490), e.g. 120.6313,30.1182")->required();
  cmd->add_flag("--json", *json, "Print JSON (every text in English and, as *_zh fields, in Chinese)");
  auto lang = std::make_shared<std::string>("zh");
  cmd->add_option("--lang", *lang, "Language of the printed text: zh (default) or en")
      ->check(CLI::IsMember({"zh", "en"}));
  return [project, at, json, lang] {
    double lon = 0, lat = 0;
    char extra = 0;
    if (std::sscanf(at->c_str(), "%lf,%lf%c", &lon, &lat, &extra) != 2)
      throw UserError("--at '" + *at + "': expected LON,LAT, e.g. 120.6313,30.1182");
    const std::string library = Project::load(*project).library.gdalName();
    nlohmann::json e = explainAtLonLat(library, lon, lat);
    // The grade map (riskmap plant-map --grades): the enterprise whose site this is.
    const nlohmann::json site = enterprise::enterpriseAtLonLat(library, lon, lat);
    if (!*json && *lang == "zh") {
      printChinese(lon, lat, e, site);
      return;
    }
    if (!site.is_null()) {
      e["enterprise"] = site;
      if (!*json)
        std::printf("enterprise %s %s: %s (%s); major risk points: %s\n", site["plant_id"].get<std::string>().c_str(),
                    site["name"].get<std::string>().c_str(), site["grade_zh"].get<std::string>().c_str(),
                    site["rule"].get<std::string>().c_str(), site["major_points"].get<std::string>().c_str());
    }
    if (*json) {
      std::printf("%s\n", e.dump(2).c_str());
      return;
    }
    if (e["grade"].is_null()) {
      std::printf("%.6f,%.6f: %s\n", lon, lat, e["why"].get<std::string>().c_str());
      return;
    }
    std::printf("%.6f,%.6f: %s (%s)\n%s\n", lon, lat, e["grade_zh"].get<std::string>().c_str(),
                e["grade"].get<std::string>().c_str(), e["rule"].get<std::string>().c_str());
    if (e["zones"].empty()) std::printf("no source's zone covers this place\n");
    for (const auto& z : e["zones"]) {
      const std::string basis = z.value("distance_source", "");
      std::printf("%s %s %s (%s), %s %s: ring %s %.0f m%s -> %s%s; zone people %.0f, %.0f per km2\n",
                  z["decides"].get<bool>() ? "*" : " ", z["kind"].get<std::string>().c_str(),
                  z["source_id"].get<std::string>().c_str(), z["name"].get<std::string>().c_str(),
                  z.value("standard", "").c_str(), z.value("source_grade", "").c_str(),
                  z["ring"].get<std::string>().c_str(), z["distance_m"].get<double>(),
                  basis.empty() ? "" : (" (" + basis + ")").c_str(), z["zone_grade"].get<std::string>().c_str(),
                  z["uplifted"].get<bool>() ? " (raised one step by density)" : "",
                  z["people_in_zone"].get<double>(), z["density_per_km2"].get<double>());
      if (z.contains("source_rule")) std::printf("    %s\n", z["source_rule"].get<std::string>().c_str());
      if (z.contains("incomplete")) std::printf("    ! %s\n", z["incomplete"].get<std::string>().c_str());
      if (z.contains("raised_by")) std::printf("    ^ %s\n", z["raised_by"].get<std::string>().c_str());
    }
  };
}

}  // namespace riskmap::cli
