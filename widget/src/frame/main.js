import './styles.css';
import { startFrame } from './app.js';

startFrame(window);
