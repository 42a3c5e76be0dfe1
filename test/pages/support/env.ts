// Imported first by every page test: the pages run their H5 flavour (HTTP to the local runtime, demo sign-in).
process.env.TARO_ENV = 'h5';
