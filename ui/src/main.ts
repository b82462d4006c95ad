import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
// The UI font ships with the app: Chinese renders on machines with no CJK font installed.
import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/700.css'
import './styles.css'
import App from './App.vue'
import { backend, backendKey } from './api/backend'
import { makeRouter } from './router'

createApp(App).provide(backendKey, backend).use(ElementPlus, { locale: zhCn }).use(makeRouter(backend)).mount('#app')
