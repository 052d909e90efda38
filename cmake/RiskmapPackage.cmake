# `cpack --config build/CPackConfig.cmake` (or the `package` target): two
# Debian packages, riskmap (the command, its data, docs, man pages, bash
# completion) and riskmap-dev (the engine as a library). Depends are the
# Debian runtime packages the binary links (dpkg-shlibdeps: libgdal32,
# libgeos-c1v5, libproj25, libcairo2, libpango-1.0-0, ...) plus the CJK font.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME riskmap)
set(CPACK_PACKAGE_VENDOR "riskmap")
set(CPACK_PACKAGE_CONTACT "riskmap maintainers <riskmap@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "four-colour safety-risk maps for work-safety regulators")
set(CPACK_PACKAGE_DESCRIPTION
    "riskmap builds a county's one library (GeoPackage) from its hazard-source layers, grades every source by its standard (GB 18218, GB 32167), draws the regional four-colour risk map, web tiles, print posters and relocation reports, and serves a web viewer.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME riskmap)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "fonts-noto-cjk")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SUGGESTS "qgis, chromium")
set(CPACK_DEBIAN_DEV_PACKAGE_NAME riskmap-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "riskmap (= ${PROJECT_VERSION}), cmake, pkg-config, libgdal-dev, libproj-dev, libgeos-dev, libsqlite3-dev, libboost-dev, libcairo2-dev, libpango1.0-dev, libfreetype-dev, libfontconfig-dev, libtomlplusplus-dev, nlohmann-json3-dev, libssl-dev, libpng-dev, libpq-dev")
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_COMPONENT_DEV_DESCRIPTION "riskmap's engine as a C++ library: headers, static libraries and the CMake package (find_package(riskmap), riskmap::engine).")
include(CPack)
