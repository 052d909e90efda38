#include <gtest/gtest.h>

#include "riskmap/core/Error.hpp"
#include "riskmap/crs/Crs.hpp"

namespace riskmap {
namespace {

TEST(Crs, GaussKrugerZoneByCentralMeridian) {
  EXPECT_EQ(gaussKrugerEpsgForLongitude(120.65), 4549);  // CM 120E
  EXPECT_EQ(gaussKrugerEpsgForLongitude(121.6), 4550);   // CM 123E
  EXPECT_EQ(gaussKrugerEpsgForLongitude(75.0), 4534);
  EXPECT_EQ(gaussKrugerEpsgForLongitude(135.0), 4554);
  EXPECT_THROW(gaussKrugerEpsgForLongitude(30.1), UserError);
}

TEST(Crs, ZoneCodesNameTheirCentralMeridian) {
  // Independent of our arithmetic: PROJ's database says which meridian each code has.
  for (double lon : {75.0, 102.0, 120.0, 135.0}) {
    const OGRSpatialReference srs = srsFromEpsg(gaussKrugerEpsgForLongitude(lon));
    EXPECT_DOUBLE_EQ(srs.GetProjParm(SRS_PP_CENTRAL_MERIDIAN), lon);
  }
}

TEST(Crs, AreaOfUseOfCgcs2000CoversChinaOnly) {
  const auto box = areaOfUse(srsFromEpsg(4490));
  ASSERT_TRUE(box);
  EXPECT_TRUE(box->contains(120.65, 30.1));
  EXPECT_FALSE(box->contains(30.1, 120.65));
}

TEST(Crs, UnknownCrsIsAUserError) { EXPECT_THROW(parseSrs("EPSG:999999"), UserError); }

}  // namespace
}  // namespace riskmap
