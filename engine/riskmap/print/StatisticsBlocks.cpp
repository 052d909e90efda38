// The figures on the poster: per grade area, people and sources, and the
// sources of the template's kind by grade (GB 18218 major hazard sources
// by default), each under its heading.
#include <cmath>
#include <cstdio>

#include "riskmap/print/PosterBlock.hpp"
#include "riskmap/print/TableBlock.hpp"

namespace riskmap {
namespace {

std::string format(const char* f, double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

class TableBlockBase : public PosterBlock {
 public:
  double height(const PosterContext& c, double width) const override {
    return headingHeight(c) + tableHeight(c, table(c), width);
  }
  void draw(cairo_t* cr, const PosterContext& c, const Rect& r) const override {
    drawHeading(cr, c, heading(c), r);
    drawTable(cr, c, table(c), {r.x, r.y + headingHeight(c), r.w, r.h - headingHeight(c)});
  }

 protected:
  virtual std::string heading(const PosterContext& c) const = 0;
  virtual Table table(const PosterContext& c) const = 0;
};

class StatisticsBlock : public TableBlockBase {
  std::string heading(const PosterContext& c) const override { return c.tpl.statistics.heading; }
  Table table(const PosterContext& c) const override {
    const auto& h = c.tpl.statistics.columns;
    Table t{{{h[0]}, {h[1], Align::Right}, {h[2], Align::Right}, {h[3], Align::Right}}, {}, {}, true};
    double area = 0, people = 0;
    int sources = 0;
    for (const GradeFigures& g : c.data.grades) {
      t.rows.push_back({c.style.palette[g.grade].name, format("%.2f", g.areaKm2), format("%.0f", g.people),
                        std::to_string(g.sources)});
      const auto& rgb = c.style.palette[g.grade].rgb;
      t.swatches.push_back({rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0, 1});
      area += g.areaKm2, people += g.people, sources += g.sources;
    }
    t.rows.push_back({c.tpl.statistics.total, format("%.2f", area), format("%.0f", people), std::to_string(sources)});
    return t;
  }
};

class SourcesBlock : public TableBlockBase {
  std::string heading(const PosterContext& c) const override { return c.tpl.sources.heading; }
  Table table(const PosterContext& c) const override {
    const auto& h = c.tpl.sources.columns;
    Table t{{{h[0], Align::Right}, {h[1], Align::Left, true}, {h[2], Align::Centre}, {h[3], Align::Right}}, {}, {}, false};
    for (const ListedSource& s : c.data.sources) {
      if (static_cast<int>(t.rows.size()) >= c.tpl.sources.limit) break;
      t.rows.push_back({std::to_string(t.rows.size() + 1), s.incomplete ? s.name + " *" : s.name,
                        c.tpl.sources.gradeNames.at(s.grade),
                        std::isnan(s.figure) ? "—" : format("%.1f", s.figure)});
    }
    return t;
  }
};

}  // namespace

std::unique_ptr<PosterBlock> makeStatisticsBlock() { return std::make_unique<StatisticsBlock>(); }
std::unique_ptr<PosterBlock> makeSourcesBlock() { return std::make_unique<SourcesBlock>(); }

}  // namespace riskmap
