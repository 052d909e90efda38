// The full-width blocks: the title over the map, the notes under it.
#include <cstdio>

#include "riskmap/print/PosterBlock.hpp"

namespace riskmap {
namespace {

std::string byline(const PosterContext& c) {
  std::string s;
  if (!c.words.office.empty()) s += c.tpl.notes.office + "：" + c.words.office;
  if (!c.words.date.empty()) s += (s.empty() ? "" : "      ") + c.tpl.notes.date + "：" + c.words.date;
  return s;
}

class TitleBlock : public PosterBlock {
 public:
  double height(const PosterContext& c, double width) const override {
    double h = 0;
    for (const auto& [text, spec] : lines(c)) {
      const TextSize s = c.text.measure(text, spec);
      if (s.width > width) return kDoesNotFit;
      h += s.height;
    }
    return h;
  }
  void draw(cairo_t* cr, const PosterContext& c, const Rect& r) const override {
    double y = r.y;
    for (const auto& [text, spec] : lines(c)) y += c.text.draw(cr, text, spec, r.x + r.w / 2, y, c.textColour()).height;
  }

 private:
  std::vector<std::pair<std::string, TextSpec>> lines(const PosterContext& c) const {
    std::vector<std::pair<std::string, TextSpec>> out{{c.words.title, {c.tpl.title.size, true, 0, 0, Align::Centre}}};
    if (!c.words.subtitle.empty()) out.push_back({c.words.subtitle, {c.tpl.title.subtitleSize, false, 0, 0, Align::Centre}});
    if (const std::string b = byline(c); !b.empty()) out.push_back({b, {c.tpl.title.bylineSize, false, 0, 0, Align::Centre}});
    return out;
  }
};

// CRS, data date and the project's note on one line; the palette's CMYK
// builds for the print shop on the next; wrapped if the page is narrow.
class NotesBlock : public PosterBlock {
 public:
  double height(const PosterContext& c, double width) const override {
    return c.text.measure(text(c), spec(c, width)).height;
  }
  void draw(cairo_t* cr, const PosterContext& c, const Rect& r) const override {
    c.text.draw(cr, text(c), spec(c, r.w), r.x, r.y, c.textColour());
  }

 private:
  TextSpec spec(const PosterContext& c, double width) const { return {c.tpl.notes.size, false, width, 0, Align::Left}; }
  std::string text(const PosterContext& c) const {
    std::string s = c.tpl.notes.crs + "：" + c.data.crsText + "      " + c.tpl.notes.dataDate + "：" + c.data.dataDate;
    if (!c.words.note.empty()) s += "      " + c.words.note;
    s += "\n" + c.tpl.notes.cmyk + "：";
    for (RiskGrade g : {RiskGrade::Major, RiskGrade::High, RiskGrade::Moderate, RiskGrade::Low}) {
      const PaletteColour& p = c.style.palette[g];
      char buf[96];
      std::snprintf(buf, sizeof buf, "  %s C%d M%d Y%d K%d", p.name.c_str(), p.cmyk[0], p.cmyk[1], p.cmyk[2], p.cmyk[3]);
      s += buf;
    }
    if (c.data.incompleteSources > 0) {
      std::string line = c.tpl.notes.incomplete;
      if (const auto at = line.find("{n}"); at != std::string::npos)
        line.replace(at, 3, std::to_string(c.data.incompleteSources));
      s += "\n" + line;
    }
    return s;
  }
};

}  // namespace

std::unique_ptr<PosterBlock> makeTitleBlock() { return std::make_unique<TitleBlock>(); }
std::unique_ptr<PosterBlock> makeNotesBlock() { return std::make_unique<NotesBlock>(); }

}  // namespace riskmap
