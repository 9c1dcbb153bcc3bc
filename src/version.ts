/** This package's name and version; a test keeps them equal to package.json. */
export const PACKAGE_NAME = 'ozon-seller-api';
export const PACKAGE_VERSION = '0.1.0';
