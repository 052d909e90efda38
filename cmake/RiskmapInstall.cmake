# What `cmake --install` puts where, laid out as Debian does, in two
# components: runtime (the command and its data, docs, man pages, completion)
# and dev (the engine as a library: headers, static libraries, CMake package).
#
#   bin/riskmap
#   share/riskmap/{layers,styles,viewer}/     found at run time as ../share/riskmap
#   share/doc/riskmap/                         README, docs/, examples/
#   share/man/man1/riskmap*.1.gz               from the built riskmap's --help
#   share/bash-completion/completions/riskmap
#   include/riskmap/, include/riskmap-layers/  the engine's and the kinds' headers
#     (#include "riskmap/assess/Assessor.hpp", #include "hazard_sources/Gb18218.hpp")
#   lib/libriskmap_engine.a, lib/libriskmap_layers.a, lib/cmake/riskmap/
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The files under SOURCE matching GLOB, into DESTINATION with their subfolders
# (install(DIRECTORY ... FILES_MATCHING) would also make the empty ones).
function(riskmap_install_tree source glob destination component)
  file(GLOB_RECURSE files RELATIVE ${source} CONFIGURE_DEPENDS ${source}/${glob})
  foreach(f IN LISTS files)
    get_filename_component(dir ${f} DIRECTORY)
    install(FILES ${source}/${f} DESTINATION ${destination}/${dir} COMPONENT ${component})
  endforeach()
endfunction()

# --- runtime ---------------------------------------------------------------
install(TARGETS riskmap RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
set(RISKMAP_INSTALL_DATADIR ${CMAKE_INSTALL_DATADIR}/riskmap)
riskmap_install_tree(${PROJECT_SOURCE_DIR}/layers "*.toml" ${RISKMAP_INSTALL_DATADIR}/layers runtime)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/styles/ DESTINATION ${RISKMAP_INSTALL_DATADIR}/styles COMPONENT runtime)
install(DIRECTORY ${RISKMAP_VIEWER_DIR}/ DESTINATION ${RISKMAP_INSTALL_DATADIR}/viewer COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs COMPONENT runtime)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples COMPONENT runtime
        USE_SOURCE_PERMISSIONS)

# Man pages and bash completion, written from the built binary's own --help
# (packaging/gen-man.sh, packaging/gen-completion.sh) so they cannot drift.
set(man_dir ${CMAKE_BINARY_DIR}/man)
set(completion ${CMAKE_BINARY_DIR}/completion/riskmap)
set(packaging ${PROJECT_SOURCE_DIR}/packaging)
add_custom_command(
  OUTPUT ${man_dir}/riskmap.1.gz ${completion}
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${man_dir}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/completion
  COMMAND ${packaging}/gen-man.sh $<TARGET_FILE:riskmap> ${man_dir}
  COMMAND ${packaging}/gen-completion.sh $<TARGET_FILE:riskmap> ${completion}
  DEPENDS riskmap ${packaging}/gen-man.sh ${packaging}/gen-completion.sh ${packaging}/subcommands.sh
          ${packaging}/riskmap.h2m
  COMMENT "man pages and bash completion from riskmap --help"
  VERBATIM)
add_custom_target(manpages ALL DEPENDS ${man_dir}/riskmap.1.gz ${completion})
install(DIRECTORY ${man_dir}/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
install(FILES ${completion} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT runtime)

# --- dev: the engine as a library ------------------------------------------
# riskmap::engine is the whole engine: the spatial core (riskmap::core) and
# the layer kinds with their grades (riskmap::layers).
add_library(riskmap_engine_all INTERFACE)
target_link_libraries(riskmap_engine_all INTERFACE riskmap_layers riskmap_engine)
set_target_properties(riskmap_engine PROPERTIES EXPORT_NAME core)
set_target_properties(riskmap_layers PROPERTIES EXPORT_NAME layers)
set_target_properties(riskmap_engine_all PROPERTIES EXPORT_NAME engine)
add_library(riskmap::engine ALIAS riskmap_engine_all)
install(TARGETS riskmap_engine riskmap_layers riskmap_engine_all EXPORT riskmapTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} ${CMAKE_INSTALL_INCLUDEDIR}/riskmap-layers)
riskmap_install_tree(${PROJECT_SOURCE_DIR}/engine/riskmap "*.hpp" ${CMAKE_INSTALL_INCLUDEDIR}/riskmap dev)
riskmap_install_tree(${PROJECT_SOURCE_DIR}/layers "*.hpp" ${CMAKE_INSTALL_INCLUDEDIR}/riskmap-layers dev)
set(config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/riskmap)
install(EXPORT riskmapTargets NAMESPACE riskmap:: DESTINATION ${config_dir} COMPONENT dev)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/riskmapConfig.cmake.in
  ${CMAKE_BINARY_DIR}/riskmapConfig.cmake INSTALL_DESTINATION ${config_dir} PATH_VARS RISKMAP_INSTALL_DATADIR)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/riskmapConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/riskmapConfig.cmake ${CMAKE_BINARY_DIR}/riskmapConfigVersion.cmake
        DESTINATION ${config_dir} COMPONENT dev)
# `cmake --install --strip` (and CPack, which strips) leaves static archives
# alone; their debug info would make riskmap-dev five times its size.
install(CODE "
  if(CMAKE_INSTALL_DO_STRIP)
    foreach(lib libriskmap_engine.a libriskmap_layers.a)
      execute_process(COMMAND \"${CMAKE_STRIP}\" --strip-debug
                      \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/\${lib}\")
    endforeach()
  endif()" COMPONENT dev)
